package nl.mantelkring.platform.internal.backoffice;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.ui.BackofficePart;
import nl.mantelkring.platform.api.ui.MenuEntry;

/** The back-office page of the audit log (logboek dataverwerkingen), for auditors. */
@Component(service = BackofficePart.class)
public class AuditLogPart implements BackofficePart {

    @Override public String id() { return "logboek"; }
    @Override public String moduleId() { return MantelkringModule.PLATFORM; }
    @Override public String title() { return "Logboek"; }
    @Override public Set<Role> roles() { return Set.of(Role.AUDITOR); }
    @Override public List<MenuEntry> menu() {
        return List.of(new MenuEntry("Verwerkingen", ""), new MenuEntry("Keten controleren", "verificatie"));
    }
    @Override public String resourceRoot() { return "/backoffice/platform"; }
    @Override public String script() { return "logboek.js"; }
    @Override public String element() { return "mk-logboek"; }
    @Override public int order() { return 900; }
}
