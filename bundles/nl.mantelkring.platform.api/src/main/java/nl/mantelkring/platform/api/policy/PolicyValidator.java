package nl.mantelkring.platform.api.policy;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

import nl.mantelkring.platform.api.FieldViolation;

/**
 * Checks a policy value before it is saved, so that a municipal administrator hears at once what is wrong with it
 * ({@code PUT /gemeenten/{gemeentecode}/beleid/{sleutel}} answers 400 with each problem as {@code waarde.<path>})
 * instead of the module failing later when it uses the value. A module registers one for the policy keys it owns,
 * naming them in the service property {@link #KEY} (a string or a list); several validators of one key all apply.
 * A validator must be quick and side-effect free; it is called on the request thread.
 *
 * @since 1.1
 */
@ConsumerType
public interface PolicyValidator {

    /** Service property: the policy key(s) this validator checks. */
    String KEY = "mantelkring.policy.key";

    /**
     * The problems of the value, with field names as paths inside the value (e.g. {@code uitkering.bedrag}; empty
     * for the value as a whole) and Dutch reasons; an empty list when the module can use it.
     *
     * @param year  the year the value is for, or null for every year
     * @param value the value as JSON text
     */
    List<FieldViolation> validate(String tenant, String key, Integer year, String value);
}
