package nl.mantelkring.platform.internal.backoffice;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.MantelkringModule;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.ui.BackofficePart;
import nl.mantelkring.platform.api.ui.MenuEntry;

/** The back-office pages for a municipal administrator: modules on/off and the tenant's policy. */
@Component(service = BackofficePart.class)
public class AdministrationPart implements BackofficePart {

    @Override public String id() { return "beheer"; }
    @Override public String moduleId() { return MantelkringModule.PLATFORM; }
    @Override public String title() { return "Beheer"; }
    @Override public Set<Role> roles() { return Set.of(Role.MUNICIPAL_ADMIN); }
    @Override public List<MenuEntry> menu() {
        return List.of(new MenuEntry("Modules", ""), new MenuEntry("Beleid", "beleid"));
    }
    @Override public String resourceRoot() { return "/backoffice/platform"; }
    @Override public String script() { return "beheer.js"; }
    @Override public String element() { return "mk-beheer"; }
    @Override public int order() { return 800; }
}
