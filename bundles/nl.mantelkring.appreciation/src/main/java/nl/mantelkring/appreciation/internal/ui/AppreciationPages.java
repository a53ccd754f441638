package nl.mantelkring.appreciation.internal.ui;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.appreciation.internal.AppreciationModule;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.ui.BackofficePart;
import nl.mantelkring.platform.api.ui.MenuEntry;

/** The consultant's back-office pages of the appreciation: apply, the queue, decisions, the year's report. */
@Component(service = BackofficePart.class)
public class AppreciationPages implements BackofficePart {

    @Override public String id() { return "waardering"; }
    @Override public String moduleId() { return AppreciationModule.ID; }
    @Override public String title() { return "Mantelzorgwaardering"; }
    @Override public Set<Role> roles() { return Set.of(Role.CONSULTANT); }
    @Override public List<MenuEntry> menu() {
        return List.of(new MenuEntry("Aanvragen te beoordelen", ""), new MenuEntry("Aanvraag indienen", "aanvragen"),
                new MenuEntry("Rapportage", "rapportage"));
    }
    @Override public String resourceRoot() { return "/backoffice"; }
    @Override public String script() { return "waardering.js"; }
    @Override public String element() { return "mk-waardering"; }
    @Override public int order() { return 200; }
}
