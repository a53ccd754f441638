package nl.mantelkring.registration.internal.ui;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.ui.LoketPart;
import nl.mantelkring.registration.internal.RegistrationModule;

/** The loket's public self-check: how heavy is your care? Outcome and advice at once, without signing in. */
@Component(service = LoketPart.class)
public class SelfCheckPart implements LoketPart {

    @Override public String id() { return "zelftest"; }
    @Override public String moduleId() { return RegistrationModule.ID; }
    @Override public String title() { return "Hoe zwaar is uw zorg?"; }
    @Override public String summary() {
        return "Doe de test in 3 minuten. U ziet meteen hoe het met u gaat en waar u hulp kunt krijgen.";
    }
    @Override public String resourceRoot() { return "/loket"; }
    @Override public String script() { return "zelftest.js"; }
    @Override public String element() { return "mk-loket-zelftest"; }
    @Override public int order() { return 100; }
}
