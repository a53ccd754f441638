package nl.mantelkring.employers.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.MantelkringModule;

/**
 * The employers module (werk &amp; mantelzorg). It counts as installed only once its tables are migrated, through the
 * reference to the migrating {@link EmployerStore}.
 */
@Component(service = MantelkringModule.class)
public class EmployersModule implements MantelkringModule {

    public static final String ID = "employers";

    /** The Dutch purpose recorded with every audit entry of this module. */
    public static final String PURPOSE = "Werk en mantelzorg: ondersteuning van werkende mantelzorgers via werkgevers"
            + " (Wmo 2015 art. 2.1.2)";

    /** Held so that the module counts as installed only once its tables are migrated. */
    private final EmployerStore store;

    @Activate
    public EmployersModule(@Reference EmployerStore store) {
        this.store = store;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Werk en mantelzorg";
    }

    @Override
    public String description() {
        return "Werkgevers, erkenning als mantelzorgvriendelijke werkgever, programma's, zelfscans, nulmetingen"
                + " en de zorgverlofberekening (Wazo).";
    }

    @Override
    public List<String> apiPaths() {
        return List.of("werkgevers", "erkenningen", "werkgeversprogrammas", "zorgverlofberekeningen",
                "werkgeversrapportages", "werkende-mantelzorgers");
    }

    @Override
    public boolean hasUi() {
        return true;
    }
}
