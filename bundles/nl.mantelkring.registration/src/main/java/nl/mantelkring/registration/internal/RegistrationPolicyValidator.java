package nl.mantelkring.registration.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.policy.PolicyValidator;

/**
 * Checks the module's policy values when they are saved, with the parsers the module uses: the questionnaire
 * ({@code registratie.belastingscheck}), the self-check's advice ({@code registratie.zelftest}) and who handles a
 * citizen's erasure request ({@code registratie.wisverzoek}).
 */
@Component(service = PolicyValidator.class, property = {
    PolicyValidator.KEY + "=" + Policies.CHECK_KEY,
    PolicyValidator.KEY + "=" + SelfCheck.KEY,
    PolicyValidator.KEY + "=" + Policies.ERASURE_KEY})
public class RegistrationPolicyValidator implements PolicyValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<FieldViolation> validate(String tenant, String key, Integer year, String value) {
        try {
            switch (key) {
                case Policies.CHECK_KEY -> Policies.Questionnaire.parse(JSON.readTree(value));
                case SelfCheck.KEY -> SelfCheck.parse(JSON.readTree(value));
                case Policies.ERASURE_KEY -> Policies.ErasureHandling.parse(JSON.readTree(value));
                default -> { }
            }
            return List.of();
        } catch (SelfCheck.Invalid e) {
            return e.problems();
        } catch (IllegalArgumentException e) {
            return List.of(new FieldViolation("", e.getMessage().substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                    + e.getMessage().substring(1) + "."));
        } catch (JsonProcessingException e) {
            return List.of(new FieldViolation("", "Geen geldige JSON."));
        }
    }
}
