package nl.mantelkring.employers.internal.ui;

import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.employers.internal.EmployersModule;
import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.api.ui.BackofficePart;
import nl.mantelkring.platform.api.ui.MenuEntry;

/** The back-office pages of werk &amp; mantelzorg: employers, recognition, self-scan results, care-leave calculator. */
@Component(service = BackofficePart.class)
public class EmployerPages implements BackofficePart {

    @Override public String id() { return "werkgevers"; }
    @Override public String moduleId() { return EmployersModule.ID; }
    @Override public String title() { return "Werk en mantelzorg"; }
    @Override public Set<Role> roles() { return Set.of(Role.CONSULTANT); }
    @Override public List<MenuEntry> menu() {
        return List.of(new MenuEntry("Werkgevers", ""), new MenuEntry("Werkgever toevoegen", "nieuw"),
                new MenuEntry("Zorgverlof berekenen", "zorgverlof"));
    }
    @Override public String resourceRoot() { return "/backoffice"; }
    @Override public String script() { return "werkgevers.js"; }
    @Override public String element() { return "mk-werkgevers"; }
    @Override public int order() { return 400; }
}
