package nl.mantelkring.appreciation.internal.ui;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.appreciation.internal.AppreciationModule;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.ui.BackofficePart;
import nl.mantelkring.platform.api.ui.MenuEntry;

/** The municipal administrator's back-office pages of the appreciation: the year's rules, payment runs, grants and returned payments, report. */
@Component(service = BackofficePart.class)
public class AppreciationAdminPages implements BackofficePart {

    @Override public String id() { return "waardering-beheer"; }
    @Override public String moduleId() { return AppreciationModule.ID; }
    @Override public String title() { return "Waardering beheren"; }
    @Override public Set<Role> roles() { return Set.of(Role.MUNICIPAL_ADMIN); }
    @Override public List<MenuEntry> menu() {
        return List.of(new MenuEntry("Regels per jaar", ""), new MenuEntry("Betaalruns", "betaalruns"),
                new MenuEntry("Toekenningen", "toekenningen"), new MenuEntry("Brieven", "brieven"),
                new MenuEntry("Rapportage", "rapportage"));
    }
    @Override public String resourceRoot() { return "/backoffice"; }
    @Override public String script() { return "waardering-beheer.js"; }
    @Override public String element() { return "mk-waardering-beheer"; }
    @Override public int order() { return 210; }
}
