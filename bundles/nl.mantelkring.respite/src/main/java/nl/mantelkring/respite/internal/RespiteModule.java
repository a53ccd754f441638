package nl.mantelkring.respite.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.MantelkringModule;

/** Announces the respite catalogue; it counts as installed once its store has migrated its tables. */
@Component(service = MantelkringModule.class)
public class RespiteModule implements MantelkringModule {

    public static final String ID = "respite";

    @Activate
    public RespiteModule(@Reference OfferingStore store, @Reference SearchIndex index) {
        // the store reference makes the module available only when its tables are migrated
        index.warmUp();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Respijtzorg";
    }

    @Override
    public String description() {
        return "Overzicht van lokaal en regionaal respijtaanbod, zoeken aan de keukentafel en witte vlekken.";
    }

    @Override
    public List<String> apiPaths() {
        return List.of("respijtaanbod", "witte-vlekken", "postcodegebieden", "respijtwijzer-aanbod");
    }

    @Override
    public boolean hasUi() {
        return true;
    }
}
