package nl.mantelkring.platform.api.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that calling a resource method is a processing activity that must be audited. The platform writes
 * one entry per call, whatever its outcome, with the caller, the tenant, the correlation id and the outcome.
 *
 * <p>The record id is taken from the path parameter named by {@link #idParam()} or, for a create, from the
 * last segment of the response's {@code Location} header. Never put a BSN or a name in a path.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Audited {

    /** The processing activity, e.g. {@code mantelzorger.lezen}. */
    String activity();

    /** The kind of record touched, e.g. {@code mantelzorger}. */
    String recordType();

    /** Purpose or legal basis in Dutch, e.g. {@code Wmo 2015 art. 2.1.6}. */
    String purpose();

    /** Whether personal data is processed (as opposed to an administrative change). */
    boolean personalData() default true;

    /** Path parameter holding the record id; empty when there is none (lists, creates). */
    String idParam() default "";

    /**
     * Path parameter holding the pseudonymous id of the data subject (the person the data is about); empty when
     * the record id identifies the data subject or there is none. Since 1.2 (platform 19): when the path has no such
     * parameter, a query parameter of that name is used once the request succeeded (a list filtered on one person).
     */
    String subjectParam() default "";

    /**
     * Query parameter holding the caller's stated purpose (a code the resource checks, never free text), for
     * operations whose purpose varies per call, such as revealing a full BSN; on a successful call its value is
     * added to {@link #purpose()} as {@code "<purpose> (doel: <value>)"}. Empty when the purpose is fixed.
     *
     * @since 1.1
     */
    String purposeParam() default "";
}
