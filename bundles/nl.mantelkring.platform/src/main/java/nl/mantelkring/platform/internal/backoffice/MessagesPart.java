package nl.mantelkring.platform.internal.backoffice;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.ui.BackofficePart;
import nl.mantelkring.platform.api.ui.MenuEntry;

/** The back-office page of the message outbox: what was sent, what failed or bounced, and the print batches. */
@Component(service = BackofficePart.class)
public class MessagesPart implements BackofficePart {

    @Override public String id() { return "berichten"; }
    @Override public String moduleId() { return MantelkringModule.PLATFORM; }
    @Override public String title() { return "Berichten"; }
    @Override public Set<Role> roles() { return Set.of(Role.CONSULTANT, Role.MUNICIPAL_ADMIN); }
    @Override public List<MenuEntry> menu() {
        return List.of(new MenuEntry("Alle berichten", ""), new MenuEntry("Problemen", "problemen"),
                new MenuEntry("Afdrukbatches", "afdrukbatches"));
    }
    @Override public String resourceRoot() { return "/backoffice/platform"; }
    @Override public String script() { return "berichten.js"; }
    @Override public String element() { return "mk-berichten"; }
    @Override public int order() { return 850; }
}
