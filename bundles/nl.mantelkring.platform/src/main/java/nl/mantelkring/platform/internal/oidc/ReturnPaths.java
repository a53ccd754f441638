package nl.mantelkring.platform.internal.oidc;

import java.util.regex.Pattern;

/** Where a browser may be sent after signing in: only a relative path of this site (no open redirect). */
final class ReturnPaths {

    private static final Pattern RELATIVE = Pattern.compile("/(?![/\\\\])[A-Za-z0-9\\-._~/%?=&+]{0,300}");

    static boolean isRelative(String path) {
        return path != null && RELATIVE.matcher(path).matches() && !path.contains("/..") && !path.contains("%2f")
                && !path.contains("%2F") && !path.contains("%5c") && !path.contains("%5C");
    }

    /** A relative path under the back-office ({@code /backoffice}, {@code /backoffice/...}, {@code /backoffice?...}). */
    static boolean isBackoffice(String path) {
        return isRelative(path) && (path.equals("/backoffice") || path.startsWith("/backoffice/")
                || path.startsWith("/backoffice?"));
    }

    private ReturnPaths() {
    }
}
