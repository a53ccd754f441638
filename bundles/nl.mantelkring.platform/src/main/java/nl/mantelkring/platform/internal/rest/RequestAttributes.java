package nl.mantelkring.platform.internal.rest;

/** Names of the request properties the platform's filters share. */
public final class RequestAttributes {
    public static final String START_NANOS = "mantelkring.startNanos";
    public static final String CORRELATION_ID = "mantelkring.correlationId";
    public static final String CALLER = "mantelkring.caller";
    public static final String TENANT = "mantelkring.tenant";
    /** The signed-in citizen of a {@code @CitizenAccess} request ({@code CitizenPrincipal}). */
    public static final String CITIZEN = "mantelkring.citizen";
    /** Set when the security filter refused the request (the outcome is 'geweigerd'). */
    public static final String DENIED = "mantelkring.denied";

    /** The path parameter that names the tenant on every tenant-scoped resource. */
    public static final String TENANT_PARAM = "gemeentecode";

    private RequestAttributes() {
    }
}
