package nl.mantelkring.registration.internal.ui;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.ui.LoketPart;
import nl.mantelkring.registration.internal.RegistrationModule;

/** The loket's "Mijn gegevens": the caregiver's own registration, after signing in with DigiD. */
@Component(service = LoketPart.class)
public class MyDetailsPart implements LoketPart {

    @Override public String id() { return "mijn-gegevens"; }
    @Override public String moduleId() { return RegistrationModule.ID; }
    @Override public String title() { return "Mijn gegevens"; }
    @Override public String summary() {
        return "Bekijk en wijzig wat de gemeente van u weet als mantelzorger. U logt in met DigiD.";
    }
    @Override public boolean signInRequired() { return true; }
    @Override public String resourceRoot() { return "/loket"; }
    @Override public String script() { return "mijn-gegevens.js"; }
    @Override public String element() { return "mk-loket-mijn-gegevens"; }
    @Override public int order() { return 900; }
}
