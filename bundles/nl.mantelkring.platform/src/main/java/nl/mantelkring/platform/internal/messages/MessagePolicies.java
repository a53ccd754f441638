package nl.mantelkring.platform.internal.messages;

import java.time.Duration;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyValidator;

/**
 * The platform's message policies per municipality: {@code berichten.afzender} (sender name and address, reply-to;
 * without it the installation's sender from {@code etc/nl.mantelkring.platform.mail.cfg}) and
 * {@code berichten.bewaartermijn} (days a sent message's body, address and attachments are kept; default 30). Read by
 * the worker per message, so a change applies to the next message.
 */
@Component(service = {MessagePolicies.class, PolicyValidator.class},
        property = {PolicyValidator.KEY + "=" + MessagePolicies.SENDER, PolicyValidator.KEY + "=" + MessagePolicies.RETENTION})
public class MessagePolicies implements PolicyValidator {

    static final String SENDER = "berichten.afzender";
    static final String RETENTION = "berichten.bewaartermijn";
    static final int DEFAULT_DAYS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The sender of a municipality's e-mail. */
    record Sender(String name, String address, String replyTo) {
    }

    private final PolicyStore store;

    @Activate
    public MessagePolicies(@Reference PolicyStore store) {
        this.store = store;
    }

    Sender sender(String tenant, OutboxWorker.Config config) {
        Sender installation = new Sender(config.fromName(), config.from(), null);
        JsonNode v = value(tenant, SENDER);
        if (v == null) {
            return installation;
        }
        return new Sender(v.path("naam").asText(installation.name()), v.path("adres").asText(installation.address()),
                v.hasNonNull("antwoordAdres") ? v.get("antwoordAdres").asText() : null);
    }

    Duration retention(String tenant) {
        JsonNode v = value(tenant, RETENTION);
        return Duration.ofDays(v == null ? DEFAULT_DAYS : v.path("dagen").asInt(DEFAULT_DAYS));
    }

    private JsonNode value(String tenant, String key) {
        return store.current(tenant, key, Year.now(OutboxWorker.ZONE).getValue()).map(p -> {
            try {
                return JSON.readTree(p.value());
            } catch (JsonProcessingException e) {
                return null;
            }
        }).orElse(null);
    }

    @Override
    public List<FieldViolation> validate(String tenant, String key, Integer year, String value) {
        List<FieldViolation> out = new ArrayList<>();
        JsonNode v;
        try {
            v = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return List.of(new FieldViolation("", "Geen geldige JSON."));
        }
        if (!v.isObject()) {
            return List.of(new FieldViolation("", "Geef een object."));
        }
        if (SENDER.equals(key)) {
            v.fieldNames().forEachRemaining(f -> {
                if (!List.of("naam", "adres", "antwoordAdres").contains(f)) {
                    out.add(new FieldViolation(f, "Onbekend veld; bedoeld zijn naam, adres en antwoordAdres."));
                }
            });
            JsonNode name = v.get("naam");
            if (name == null || !name.isTextual() || name.asText().isBlank() || name.asText().length() > 100
                    || name.asText().chars().anyMatch(ch -> ch < 0x20)) {
                out.add(new FieldViolation("naam", "Geef de naam van de afzender (1 tot 100 tekens, één regel)."));
            }
            email(out, "adres", v.get("adres"), true);
            email(out, "antwoordAdres", v.get("antwoordAdres"), false);
        } else if (RETENTION.equals(key)) {
            v.fieldNames().forEachRemaining(f -> {
                if (!"dagen".equals(f)) {
                    out.add(new FieldViolation(f, "Onbekend veld; bedoeld is dagen."));
                }
            });
            JsonNode days = v.get("dagen");
            if (days == null || !days.isInt() || days.asInt() < 1 || days.asInt() > 3650) {
                out.add(new FieldViolation("dagen", "Geef het aantal dagen dat een verzonden bericht bewaard blijft:"
                        + " een geheel getal van 1 tot en met 3650."));
            }
        }
        return out;
    }

    private static void email(List<FieldViolation> out, String field, JsonNode v, boolean required) {
        if (v == null || v.isNull()) {
            if (required) {
                out.add(new FieldViolation(field, "Geef een e-mailadres."));
            }
            return;
        }
        try {
            if (!v.isTextual() || v.asText().length() > 254) {
                throw new AddressException("not text");
            }
            InternetAddress a = new InternetAddress(v.asText(), true);
            a.validate();
            if (a.getPersonal() != null || !a.getAddress().contains("@")) {
                throw new AddressException("not a plain address");
            }
        } catch (AddressException e) {
            out.add(new FieldViolation(field, "Geef een geldig e-mailadres, zoals mantelzorg@gemeente.nl."));
        }
    }
}
