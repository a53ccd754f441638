package nl.mantelkring.appreciation;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * SPI: a municipality's own eligibility condition for the appreciation. Register an implementation as a DS
 * component with {@code mantelkring.plugin.id} (and usually {@code mantelkring.tenant}, so other municipalities
 * can neither see nor select it); the tenant's yearly policy {@code waardering.regels} lists the ids under
 * {@code extraRegels}. Every listed rule must pass. When a listed rule is not installed, the application is not
 * decided (it waits, never approved without the rule).
 *
 * <p>Called on request threads, once per evaluation: thread-safe, fast, no I/O to slow services; an exception or
 * a call over the platform's time limit counts as "could not be evaluated" (the application waits).
 */
@ConsumerType
public interface EligibilityRule {

    /** Judges one application; never returns null. */
    RuleOutcome evaluate(String tenant, EligibilityInput input);
}
