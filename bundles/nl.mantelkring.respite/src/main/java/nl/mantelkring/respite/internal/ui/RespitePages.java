package nl.mantelkring.respite.internal.ui;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.ui.BackofficePart;
import nl.mantelkring.platform.api.ui.MenuEntry;
import nl.mantelkring.respite.internal.RespiteModule;

/** The back-office pages of the respite catalogue: search with filters and distances, edit, gap analysis. */
@Component(service = BackofficePart.class)
public class RespitePages implements BackofficePart {

    @Override public String id() { return "respijtzorg"; }
    @Override public String moduleId() { return RespiteModule.ID; }
    @Override public String title() { return "Respijtzorg"; }
    @Override public Set<Role> roles() { return Set.of(Role.CONSULTANT, Role.MUNICIPAL_ADMIN); }
    @Override public List<MenuEntry> menu() {
        return List.of(new MenuEntry("Aanbod zoeken", ""), new MenuEntry("Witte vlekken", "witte-vlekken"));
    }
    @Override public String resourceRoot() { return "/backoffice"; }
    @Override public String script() { return "respijtzorg.js"; }
    @Override public String element() { return "mk-respijtzorg"; }
    @Override public int order() { return 300; }
}
