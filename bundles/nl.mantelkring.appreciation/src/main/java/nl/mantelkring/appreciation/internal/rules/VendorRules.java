package nl.mantelkring.appreciation.internal.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.mantelkring.appreciation.EligibilityInput;
import nl.mantelkring.appreciation.EligibilityRule;
import nl.mantelkring.appreciation.RuleOutcome;
import nl.mantelkring.platform.api.plugin.PluginCallException;
import nl.mantelkring.platform.api.plugin.PluginCalls;

/**
 * Runs the vendor {@link EligibilityRule}s a policy lists ({@code extraRegels}), each on a thread of its own with a
 * time limit, <em>before</em> the caller takes the tenant-year lock, so a slow or hung plugin never holds the lock.
 * Every rule ends in a {@link Verdict}: the plugin's outcome, or why there is none (not installed, threw, no answer
 * in time, an unusable answer). A rule without an outcome makes the application wait for a consultant; it is never
 * counted as passed.
 */
public final class VendorRules {

    /** The largest supplement a rule may add (the policy's own amounts have the same ceiling). */
    static final BigDecimal MAX_EXTRA = AppreciationPolicy.MAX_AMOUNT;
    static final int MAX_REASON = 500;

    /**
     * What one vendor rule decided.
     *
     * @param outcome the plugin's outcome, or null when there is none
     * @param problem when there is no outcome: why, in Dutch (for the consultant and the caregiver)
     */
    public record Verdict(RuleOutcome outcome, String problem) {
        public static Verdict missing(String id) {
            return new Verdict(null, "Regel '" + id + "' is niet geïnstalleerd of niet beschikbaar voor de"
                    + " gemeente.");
        }
    }

    private VendorRules() {
    }

    /** Evaluates each listed rule through {@code calls} with {@code limit} per rule; a null rule is not installed. */
    public static Map<String, Verdict> evaluate(PluginCalls calls, Duration limit, String tenant,
                                                EligibilityInput input, Map<String, EligibilityRule> rules) {
        return each(rules, (id, rule) -> {
            try {
                return checked(id, calls.call(id, limit, () -> rule.evaluate(tenant, input)));
            } catch (PluginCallException e) {
                return new Verdict(null, e.getMessage());
            }
        });
    }

    /** Evaluates on the calling thread without a time limit (tests and benchmarks). */
    public static Map<String, Verdict> direct(String tenant, EligibilityInput input,
                                              Map<String, EligibilityRule> rules) {
        return each(rules, (id, rule) -> {
            try {
                RuleOutcome o = rule.evaluate(tenant, input);
                return o == null ? new Verdict(null, "Plugin '" + id + "' gaf een leeg antwoord.")
                        : checked(id, o);
            } catch (RuntimeException e) {
                return new Verdict(null, "Plugin '" + id + "' gaf een fout.");
            }
        });
    }

    private interface Run {
        Verdict apply(String id, EligibilityRule rule);
    }

    private static Map<String, Verdict> each(Map<String, EligibilityRule> rules, Run run) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        rules.forEach((id, rule) -> out.put(id, rule == null ? Verdict.missing(id) : run.apply(id, rule)));
        return out;
    }

    /** An outcome the evaluation can use: a supplement of 0 to {@link #MAX_EXTRA} in cents; a bounded reason. */
    static Verdict checked(String id, RuleOutcome o) {
        BigDecimal extra = o.extraAmount();
        if (extra != null && (extra.signum() < 0 || extra.compareTo(MAX_EXTRA) > 0
                || extra.stripTrailingZeros().scale() > 2)) {
            return new Verdict(null, "Plugin '" + id + "' gaf een ongeldig antwoord (extra bedrag "
                    + extra.toPlainString() + "; toegestaan is 0 tot " + MAX_EXTRA.toPlainString()
                    + " euro in centen).");
        }
        String reason = o.reason().strip();
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON - 1) + "…";
        }
        return new Verdict(new RuleOutcome(o.passed(), reason, o.passed() ? extra : null), null);
    }

    /** For messages and logs: the ids whose verdict has no outcome. */
    public static List<String> undecided(Map<String, Verdict> verdicts) {
        return verdicts.entrySet().stream().filter(e -> e.getValue().outcome() == null).map(Map.Entry::getKey)
                .toList();
    }
}
