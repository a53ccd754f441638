package nl.mantelkring.platform.internal.rest;

/** Facts about the published API. */
public final class ApiInfo {
    /** The full API version, sent in the {@code API-Version} header and in the OpenAPI document. */
    public static final String VERSION = "1.0.0";
    public static final String VERSION_HEADER = "API-Version";
    public static final String CORRELATION_HEADER = "X-Correlation-ID";
    public static final String PROBLEM_JSON = "application/problem+json";

    private ApiInfo() {
    }
}
