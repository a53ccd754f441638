package nl.mantelkring.registration.internal.ui;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.ui.BackofficePart;
import nl.mantelkring.platform.api.ui.MenuEntry;
import nl.mantelkring.registration.internal.RegistrationModule;

/** The back-office pages of the registration: search, register, a caregiver with relations, checks, erasure, erasure requests from the loket. */
@Component(service = BackofficePart.class)
public class CaregiverPages implements BackofficePart {

    @Override public String id() { return "mantelzorgers"; }
    @Override public String moduleId() { return RegistrationModule.ID; }
    @Override public String title() { return "Mantelzorgers"; }
    @Override public Set<Role> roles() { return Set.of(Role.CONSULTANT); }
    @Override public List<MenuEntry> menu() {
        return List.of(new MenuEntry("Zoeken", ""), new MenuEntry("Registreren", "registreren"),
                new MenuEntry("Wisverzoeken", "wisverzoeken"));
    }
    @Override public String resourceRoot() { return "/backoffice"; }
    @Override public String script() { return "mantelzorgers.js"; }
    @Override public String element() { return "mk-mantelzorgers"; }
    @Override public int order() { return 100; }
}
