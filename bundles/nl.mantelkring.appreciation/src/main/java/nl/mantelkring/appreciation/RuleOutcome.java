package nl.mantelkring.appreciation;

import java.math.BigDecimal;

/**
 * What an {@link EligibilityRule} decided.
 *
 * @param passed      whether the application meets the rule
 * @param reason      a Dutch sentence a caregiver understands, e.g. "U zorgt minder dan 8 uur per week."; required
 * @param extraAmount an amount added to the payout when passed (e.g. a supplement for young caregivers), or null
 */
public record RuleOutcome(boolean passed, String reason, BigDecimal extraAmount) {

    public RuleOutcome {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a rule outcome needs a reason");
        }
    }

    public static RuleOutcome pass(String reason) {
        return new RuleOutcome(true, reason, null);
    }

    public static RuleOutcome fail(String reason) {
        return new RuleOutcome(false, reason, null);
    }
}
