package nl.mantelkring.platform.api;

/**
 * HTTP headers the platform sets.
 *
 * @since 1.1
 */
public final class ApiHeaders {

    /**
     * The request's correlation id: on every response, and on every request by the time a resource runs (the
     * client's valid value, the trace id of a W3C {@code traceparent}, or a new one). A resource that writes its
     * own audit entries reads it with {@code @HeaderParam(ApiHeaders.CORRELATION_ID)}.
     */
    public static final String CORRELATION_ID = "X-Correlation-ID";

    /** The API version, on every response. */
    public static final String API_VERSION = "API-Version";

    private ApiHeaders() {
    }
}
