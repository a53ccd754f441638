package nl.mantelkring.respite.internal.ui;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.ui.BackofficePart;
import nl.mantelkring.platform.api.ui.MenuEntry;
import nl.mantelkring.respite.internal.RespiteModule;

/** The administrator's back-office pages of the respite catalogue: CSV import with its row report, postcode areas. */
@Component(service = BackofficePart.class)
public class RespiteImportPages implements BackofficePart {

    @Override public String id() { return "respijtzorg-import"; }
    @Override public String moduleId() { return RespiteModule.ID; }
    @Override public String title() { return "Respijtzorg beheren"; }
    @Override public Set<Role> roles() { return Set.of(Role.MUNICIPAL_ADMIN); }
    @Override public List<MenuEntry> menu() {
        return List.of(new MenuEntry("CSV-import", ""), new MenuEntry("Postcodegebieden", "postcodegebieden"));
    }
    @Override public String resourceRoot() { return "/backoffice"; }
    @Override public String script() { return "respijtzorg-import.js"; }
    @Override public String element() { return "mk-respijtzorg-import"; }
    @Override public int order() { return 310; }
}
