package nl.mantelkring.registration.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.MantelkringModule;

/**
 * Announces the module. It depends on the migrated store (and so on the configured keys): the module counts as
 * installed only when it can work.
 */
@Component(service = MantelkringModule.class)
public class RegistrationModule implements MantelkringModule {

    public static final String ID = "registration";

    @Activate
    public RegistrationModule(@Reference RegistrationStore store, @Reference Erasures erasures) {
        // references only: see the class comment
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Mantelzorgregistratie";
    }

    @Override
    public String description() {
        return "Mantelzorgers en hun zorgrelaties vrijwillig en doelgebonden registreren, met toestemmingen,"
                + " belastingscheck, inzage, wissen en bewaartermijnen.";
    }

    @Override
    public List<String> apiPaths() {
        return List.of("mantelzorgers", "belastingscheck-vragenlijsten", "registratie-opschoningen", "zelftests",
                "wisverzoeken", "nieuwsbrieven");
    }

    @Override
    public boolean hasUi() {
        return true;
    }
}
