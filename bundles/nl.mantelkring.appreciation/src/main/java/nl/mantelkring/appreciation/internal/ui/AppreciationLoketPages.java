package nl.mantelkring.appreciation.internal.ui;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.appreciation.internal.AppreciationModule;
import nl.mantelkring.platform.api.ui.LoketPart;

/** The loket's appreciation parts: this year explained (public), and applying with DigiD. */
public final class AppreciationLoketPages {

    private AppreciationLoketPages() {
    }

    /** Public: who can apply, how much, until when, and whether the window is open. */
    @Component(service = LoketPart.class)
    public static class Explained implements LoketPart {
        @Override public String id() { return "waardering"; }
        @Override public String moduleId() { return AppreciationModule.ID; }
        @Override public String title() { return "Mantelzorgwaardering"; }
        @Override public String summary() {
            return "Zorgt u voor iemand? Lees wie een waardering van de gemeente kan krijgen, hoeveel en tot wanneer.";
        }
        @Override public String resourceRoot() { return "/loket"; }
        @Override public String script() { return "waardering.js"; }
        @Override public String element() { return "mk-loket-waardering"; }
        @Override public int order() { return 300; }
    }

    /** With DigiD: apply (or renew, prefilled), the outcome, and my applications. */
    @Component(service = LoketPart.class)
    public static class Apply implements LoketPart {
        @Override public String id() { return "waardering-aanvragen"; }
        @Override public String moduleId() { return AppreciationModule.ID; }
        @Override public String title() { return "Waardering aanvragen"; }
        @Override public String summary() {
            return "Vraag de mantelzorgwaardering aan met DigiD. Hier ziet u ook uw aanvragen en de besluiten.";
        }
        @Override public boolean signInRequired() { return true; }
        @Override public String resourceRoot() { return "/loket"; }
        @Override public String script() { return "waardering-aanvragen.js"; }
        @Override public String element() { return "mk-loket-waardering-aanvragen"; }
        @Override public int order() { return 310; }
    }
}
