package nl.mantelkring.appreciation.internal.messages;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.documents.Templates;
import nl.mantelkring.platform.api.policy.PolicyValidator;

/**
 * Checks {@code waardering.berichten} when it is saved: known kinds and fields only, and every template with
 * {@link Templates#check}, so an unknown placeholder is refused naming it ({@code waarde.<kind>.tekst}).
 */
@Component(service = PolicyValidator.class, property = PolicyValidator.KEY + "=" + MessagePolicy.KEY)
public class MessagePolicyValidator implements PolicyValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Templates templates;

    @Activate
    public MessagePolicyValidator(@Reference Templates templates) {
        this.templates = templates;
    }

    @Override
    public List<FieldViolation> validate(String tenant, String key, Integer year, String value) {
        try {
            return MessagePolicy.validate(JSON.readTree(value), templates);
        } catch (JsonProcessingException e) {
            return List.of(new FieldViolation("", "Geen geldige JSON."));
        }
    }
}
