package nl.mantelkring.registration;

import java.util.List;

import nl.mantelkring.platform.api.FieldViolation;

/**
 * A {@link PersonVerifier}'s answer.
 *
 * @param accepted            false refuses the registration with the {@code problems} (400)
 * @param livesInMunicipality what the BRP says about residence in the tenant's municipality; null = not checked
 *                            (then the value the consultant entered stays)
 * @param verified            true when the person and address were found in the BRP; null = not checked
 * @param problems            per field, in Dutch; empty when accepted
 */
public record PersonVerdict(boolean accepted, Boolean livesInMunicipality, Boolean verified,
                            List<FieldViolation> problems) {

    /** Accepts without checking anything (the built-in plugin). */
    public static PersonVerdict unchecked() {
        return new PersonVerdict(true, null, null, List.of());
    }
}
