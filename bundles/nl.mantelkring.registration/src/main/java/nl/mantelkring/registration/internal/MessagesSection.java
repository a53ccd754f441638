package nl.mantelkring.registration.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.messages.MessageInfo;
import nl.mantelkring.platform.api.messages.Outbox;
import nl.mantelkring.registration.PersonalDataSection;

/**
 * Right of access: the messages the municipality sent (or is sending) the caregiver, from the platform outbox, under
 * {@code berichten}: kind, channel, status, subject and dates (no body, no address).
 */
@Component(service = PersonalDataSection.class)
public class MessagesSection implements PersonalDataSection {

    private final Outbox outbox;

    @Activate
    public MessagesSection(@Reference Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return "berichten";
    }

    @Override
    public Map<String, Object> export(String tenant, String caregiverId) {
        List<Object> list = outbox.ofSubject(tenant, caregiverId).stream().map(m -> (Object) item(m)).toList();
        return list.isEmpty() ? Map.of() : Map.of("berichten", list);
    }

    static Map<String, Object> item(MessageInfo m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("soort", m.kind());
        out.put("kanaal", m.channel());
        out.put("status", m.status());
        out.put("onderwerp", m.subject());
        out.put("aangemaaktOp", m.createdAt());
        out.put("verzondenOp", m.sentAt());
        return out;
    }
}
