package nl.mantelkring.appreciation.internal.letters;

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
 * The letter templates ({@value LetterPolicy#KEY}) are checked when they are saved, with the parser the letters use
 * and the platform's {@link Templates#check}: an unknown placeholder is refused naming it, under
 * {@code <soort>.tekst} (the platform answers 400 with {@code waarde.<soort>.tekst}), and nothing is saved.
 */
@Component(service = PolicyValidator.class, property = PolicyValidator.KEY + "=" + LetterPolicy.KEY)
public class LettersPolicyValidator implements PolicyValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Templates templates;

    @Activate
    public LettersPolicyValidator(@Reference Templates templates) {
        this.templates = templates;
    }

    @Override
    public List<FieldViolation> validate(String tenant, String key, Integer year, String value) {
        try {
            LetterPolicy.parse(JSON.readTree(value), templates, null);
            return List.of();
        } catch (LetterPolicy.Invalid e) {
            return e.problems();
        } catch (JsonProcessingException e) {
            return List.of(new FieldViolation("", "Geen geldige JSON."));
        }
    }
}
