package nl.mantelkring.respite.internal.ui;

import org.osgi.service.component.annotations.Component;

import nl.mantelkring.platform.api.ui.LoketPart;
import nl.mantelkring.respite.internal.RespiteModule;

/** The loket's public respite guide (respijtwijzer): search respite by postcode, kind, target group and text. */
@Component(service = LoketPart.class)
public class RespiteGuidePart implements LoketPart {

    @Override public String id() { return "respijtwijzer"; }
    @Override public String moduleId() { return RespiteModule.ID; }
    @Override public String title() { return "Respijtzorg zoeken"; }
    @Override public String summary() {
        return "Respijtzorg is hulp die de zorg even van u overneemt. Zo kunt u even uitrusten. Zoek hulp dicht bij"
                + " huis.";
    }
    @Override public String resourceRoot() { return "/loket"; }
    @Override public String script() { return "respijtwijzer.js"; }
    @Override public String element() { return "mk-respijtwijzer"; }
    @Override public int order() { return 200; }
}
