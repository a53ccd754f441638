package nl.mantelkring.appreciation.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.MantelkringModule;

/** Announces the module; installed only when its store migrated and the registration module is there. */
@Component(service = MantelkringModule.class)
public class AppreciationModule implements MantelkringModule {

    public static final String ID = "appreciation";
    static final String PURPOSE = "Mantelzorgwaardering (Wmo 2015 art. 2.1.6)";

    @Activate
    public AppreciationModule(@Reference Applications applications) {
        // the reference only: see the class comment
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Mantelzorgwaardering";
    }

    @Override
    public String description() {
        return "Jaarlijkse blijk van waardering voor mantelzorgers: aanvragen, regels per gemeente, besluiten, betaalruns (SEPA) en waardebonnen.";
    }

    @Override
    public List<String> apiPaths() {
        return List.of("waarderingsaanvragen", "waarderingsrapportages", "betaalruns", "toekenningen",
                "waarderingsuitnodigingen", "waarderingsbrieven",
                "waardebonnen", "waarderingsregelingen");
    }

    @Override
    public boolean hasUi() {
        return true;
    }
}
