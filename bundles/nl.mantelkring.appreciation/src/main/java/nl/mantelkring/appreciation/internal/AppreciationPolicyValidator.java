package nl.mantelkring.appreciation.internal;

import java.util.List;

import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.appreciation.internal.payment.PaymentPolicy;
import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.policy.PolicyValidator;

/**
 * The year's rules ({@code waardering.regels}) and the payment details ({@code waardering.betaling}) are checked when
 * they are saved, with the same parser the module uses: every problem with its path, so the administrator (and the
 * back-office's policy editors) sees it next to the field, and the module never meets an unusable value it let in.
 */
@Component(service = PolicyValidator.class, property = {
    PolicyValidator.KEY + "=" + AppreciationPolicy.KEY,
    PolicyValidator.KEY + "=" + PaymentPolicy.KEY})
public class AppreciationPolicyValidator implements PolicyValidator {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public List<FieldViolation> validate(String tenant, String key, Integer year, String value) {
        try {
            if (AppreciationPolicy.KEY.equals(key)) {
                AppreciationPolicy.parse(JSON.readTree(value));
            } else if (PaymentPolicy.KEY.equals(key)) {
                PaymentPolicy.parse(JSON.readTree(value));
            }
            return List.of();
        } catch (AppreciationPolicy.Invalid e) {
            return e.problems();
        } catch (PaymentPolicy.Invalid e) {
            return e.problems();
        } catch (JsonProcessingException e) {
            return List.of(new FieldViolation("", "Geen geldige JSON."));
        }
    }
}
