package nl.mantelkring.platform.documents.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyValidator;

/** Reads policy {@value Letterhead#KEY} and checks it when an administrator saves it. */
@Component(service = {LetterheadPolicy.class, PolicyValidator.class},
        property = PolicyValidator.KEY + "=" + Letterhead.KEY)
public class LetterheadPolicy implements PolicyValidator {

    private final PolicyStore policy;

    @Activate
    public LetterheadPolicy(@Reference PolicyStore policy) {
        this.policy = policy;
    }

    /**
     * The letterhead in force for the tenant in the year, or {@link Letterhead#FALLBACK} when none is set.
     *
     * @throws nl.mantelkring.platform.api.ProblemException 503 when the stored value is not usable
     */
    public Letterhead of(String tenant, int year) {
        return policy.current(tenant, Letterhead.KEY, year).map(v -> Letterhead.parse(v.value()))
                .orElse(Letterhead.FALLBACK);
    }

    @Override
    public List<FieldViolation> validate(String tenant, String key, Integer year, String value) {
        return Letterhead.validate(value);
    }
}
