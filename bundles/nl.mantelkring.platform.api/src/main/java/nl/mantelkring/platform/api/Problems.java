package nl.mantelkring.platform.api;

/** Problem type URIs used across the platform. */
public final class Problems {
    private static final String BASE = "urn:nl:mantelkring:probleem:";

    public static final String NOT_FOUND = BASE + "niet-gevonden";
    public static final String VALIDATION = BASE + "ongeldige-invoer";
    public static final String CONFLICT = BASE + "conflict";
    public static final String UNAUTHORIZED = BASE + "niet-geauthenticeerd";
    public static final String FORBIDDEN = BASE + "geen-toegang";
    public static final String METHOD_NOT_ALLOWED = BASE + "methode-niet-toegestaan";
    public static final String UNSUPPORTED_MEDIA_TYPE = BASE + "mediatype-niet-ondersteund";
    public static final String NOT_ACCEPTABLE = BASE + "niet-acceptabel";
    public static final String MALFORMED = BASE + "onleesbaar-verzoek";
    public static final String TOO_LARGE = BASE + "verzoek-te-groot";
    public static final String UNAVAILABLE = BASE + "niet-beschikbaar";
    public static final String INTERNAL = BASE + "interne-fout";
    /** A tenant's policy value is unusable (a configuration error). @since 1.1 */
    public static final String UNUSABLE_POLICY = BASE + "beleid-onbruikbaar";

    /** Builds the type URI for a module-specific problem, e.g. {@code of("dubbele-registratie")}. */
    public static String of(String slug) {
        return BASE + slug;
    }

    private Problems() {
    }
}
