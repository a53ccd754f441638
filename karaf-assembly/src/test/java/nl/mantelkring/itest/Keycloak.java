package nl.mantelkring.itest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The integration tests' identity provider: the real Keycloak that the build starts on 127.0.0.1 before the
 * integration tests ({@code src/test/keycloak/keycloak.sh}, realms from {@code src/test/keycloak/*.json}; README,
 * "Tests"). Works in the Maven JVM and inside the Karaf container, where {@link MantelkringTestSupport} passes
 * {@code mantelkring.itest.keycloak} (the base URL) and {@code mantelkring.itest.keycloak.dir} (pid file and log).
 * Dependency-light on purpose (JDK HttpClient and Jackson's {@link JsonNode}, as {@link Api}): the probe bundle
 * imports what this class uses. Nothing here is recorded for the OpenAPI contract check: Keycloak is not our API.
 */
public final class Keycloak {

    /** The staff realm (OpenID Connect for the back-office and for API clients). */
    public static final String STAFF = "mantelkring";
    /** The DigiD broker's realm (citizens). */
    public static final String DIGID = "digid";
    /** Every test user's password (both realms). */
    public static final String PASSWORD = "Wachtwoord-1";

    /** Confidential back-office client (authorization code with PKCE S256). */
    public static final String BACKOFFICE_CLIENT = "mantelkring-backoffice";
    public static final String BACKOFFICE_SECRET = "backoffice-geheim";
    /** Confidential client-credentials client; its service account is in group consultant@GM0363. */
    public static final String KOPPELING_CLIENT = "mantelkring-koppeling";
    public static final String KOPPELING_SECRET = "koppeling-geheim";
    /** The citizens' client in realm digid (authorization code with PKCE S256). */
    public static final String LOKET_CLIENT = "mantelkring-loket";
    public static final String LOKET_SECRET = "loket-geheim";
    /**
     * A test-only client of the staff realm with direct access grants (the resource-owner password grant), for
     * API-level tests that need a staff user's access token without a browser. Never for a sign-in flow: the
     * back-office and citizens sign in through Keycloak's login page. Same claims as the back-office client.
     */
    public static final String ITEST_CLIENT = "mantelkring-itest";
    public static final String ITEST_SECRET = "itest-geheim";

    /**
     * Measured on this 2-core machine at load averages of 12 to 22: ready 60 to 200 s after its start, about 115 s
     * the first time after {@code clean} (it builds itself). The build awaits it before the first test anyway.
     */
    private static final Duration READY_BOUND = Duration.ofMinutes(5);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static volatile boolean ready;

    private Keycloak() {
    }

    /** {@code http://127.0.0.1:<port>}, no trailing slash. */
    public static String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * The port of {@code mantelkring.itest.keycloak} (in the container), else {@code mantelkring.itest.keycloakPort},
     * else the IT http port + 300 (as keycloak.sh computes it).
     */
    static int port() {
        String url = System.getProperty("mantelkring.itest.keycloak");
        if (url != null && !url.isBlank()) {
            return URI.create(url).getPort();
        }
        String port = System.getProperty("mantelkring.itest.keycloakPort");
        if (port != null && !port.isBlank()) {
            return Integer.parseInt(port.trim());
        }
        return Integer.getInteger("mantelkring.itest.httpPort", 18181) + 300;
    }

    /** The realm's issuer as it appears in {@code iss}: {@code http://127.0.0.1:<port>/realms/<realm>}. */
    public static String issuer(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    /** The realm's OpenID Connect discovery document URL. */
    public static String discoveryUrl(String realm) {
        return issuer(realm) + "/.well-known/openid-configuration";
    }

    /**
     * Waits until both realms answer their discovery document (a state wait, bounded by five minutes; the first
     * call waits, later calls return at once). Fails at once, with the log's last lines, when Keycloak has ended.
     */
    public static void awaitReady() {
        if (ready) {
            return;
        }
        Path dir = dir();
        if (dir != null && Files.exists(dir.resolve("keycloak.skipped"))) {
            throw new AssertionError("this build did not start Keycloak (-DskipTests or"
                    + " -Dmantelkring.itest.keycloak.skip=true), and this test needs it");
        }
        long deadline = System.nanoTime() + READY_BOUND.toNanos();
        for (String realm : List.of(STAFF, DIGID)) {
            String last = "no answer yet";
            while (true) {
                try {
                    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(discoveryUrl(realm)))
                            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        break;
                    }
                    last = "HTTP " + r.statusCode();
                } catch (IOException e) {
                    last = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for Keycloak", e);
                }
                if (!processAlive()) {
                    throw new AssertionError("Keycloak (started by the build, src/test/keycloak/keycloak.sh) has ended"
                            + " before realm " + realm + " answered at " + discoveryUrl(realm) + "; last: " + last
                            + logTail());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Keycloak's realm " + realm + " did not answer 200 at "
                            + discoveryUrl(realm) + " within " + READY_BOUND.toMinutes() + " minutes (last: " + last
                            + "). Did the build start it (execution keycloak-start; not with -DskipITs or"
                            + " -Dmantelkring.itest.keycloak.skip=true), and on this port?" + logTail());
                }
                pause();
            }
        }
        ready = true;
    }

    /** The realm's discovery document (Keycloak ready). */
    public static JsonNode discovery(String realm) {
        awaitReady();
        return get(discoveryUrl(realm));
    }

    /** The token endpoint's answer (access_token, expires_in, ...) for mantelkring-koppeling's client credentials. */
    public static JsonNode koppelingTokens() {
        return tokenRequest(STAFF, Map.of("grant_type", "client_credentials", "client_id", KOPPELING_CLIENT,
                "client_secret", KOPPELING_SECRET));
    }

    /** An access token of mantelkring-koppeling (client credentials): {@code groups} = [consultant@GM0363]. */
    public static String koppelingAccessToken() {
        return koppelingTokens().path("access_token").asText();
    }

    /**
     * Tokens for a staff user through the test-only client {@link #ITEST_CLIENT} (password grant; API-level tests
     * only, see there): access_token, id_token, refresh_token.
     */
    public static JsonNode staffTokens(String user) {
        return tokenRequest(STAFF, Map.of("grant_type", "password", "client_id", ITEST_CLIENT,
                "client_secret", ITEST_SECRET, "username", user, "password", PASSWORD, "scope", "openid"));
    }

    /** Exchanges an authorization code (with its PKCE verifier) at the realm's token endpoint. */
    public static JsonNode exchangeCode(String realm, String clientId, String secret, String code, String redirectUri,
                                        String codeVerifier) {
        return tokenRequest(realm, Map.of("grant_type", "authorization_code", "client_id", clientId,
                "client_secret", secret, "code", code, "redirect_uri", redirectUri, "code_verifier", codeVerifier));
    }

    /**
     * Signs in on Keycloak's login page without a browser: opens the authorization URL (e.g. the {@code Location}
     * Mantelkring redirected to), submits the login form with the user and {@link #PASSWORD}, and returns where
     * Keycloak then redirects (the client's redirect URI with {@code code} and {@code state}, or with {@code error}).
     * Keeps Keycloak's cookies itself: they are {@code Secure}, which the JDK's CookieManager never sends over http.
     * For API-level tests; the browser test signs in with a real browser.
     */
    public static String signIn(String authorizationUrl, String user) {
        awaitReady();
        Map<String, String> cookies = new LinkedHashMap<>();
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET(), cookies);
        Matcher form = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"").matcher(page.body());
        if (page.statusCode() != 200 || !form.find()) {
            throw new AssertionError("no login form at " + authorizationUrl + ": HTTP " + page.statusCode()
                    + location(page) + "\n" + page.body());
        }
        String action = form.group(1).replace("&amp;", "&");
        HttpResponse<String> after = send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", user, "password", PASSWORD)))),
                cookies);
        if (after.statusCode() != 302 || after.headers().firstValue("Location").isEmpty()) {
            throw new AssertionError("sign-in of " + user + " did not redirect: HTTP " + after.statusCode() + "\n"
                    + after.body());
        }
        return after.headers().firstValue("Location").get();
    }

    /** One query parameter of a URL (decoded), or empty. */
    public static Optional<String> queryParameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return Optional.of(eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /** A JWT's payload (claims), decoded; the signature is not checked here. */
    public static JsonNode claims(String jwt) {
        return jwtPart(jwt, 1);
    }

    /** A JWT's header ({@code alg}, {@code kid}). */
    public static JsonNode header(String jwt) {
        return jwtPart(jwt, 0);
    }

    /** The values of a claim that may be a string or an array (e.g. {@code aud}). */
    public static List<String> values(JsonNode claim) {
        if (claim.isArray()) {
            java.util.List<String> out = new java.util.ArrayList<>();
            claim.forEach(v -> out.add(v.asText()));
            return out;
        }
        return claim.isMissingNode() || claim.isNull() ? List.of() : List.of(claim.asText());
    }

    /** GET of a Keycloak URL that must answer 200 with JSON. */
    public static JsonNode get(String url) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).GET(), null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return json(r.body());
    }

    // ---------------------------------------------------------------------------------------------------------

    private static JsonNode tokenRequest(String realm, Map<String, String> params) {
        awaitReady();
        String url = issuer(realm) + "/protocol/openid-connect/token";
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))), null);
        if (r.statusCode() != 200) {
            throw new AssertionError("token request (" + params.get("grant_type") + ", " + params.get("client_id")
                    + ") at " + url + ": HTTP " + r.statusCode() + " " + r.body());
        }
        return json(r.body());
    }

    /** Sends with the cookie jar (null: none), remembering the cookies Keycloak sets. */
    private static HttpResponse<String> send(HttpRequest.Builder b, Map<String, String> cookies) {
        b.timeout(Duration.ofSeconds(30));
        if (cookies != null && !cookies.isEmpty()) {
            b.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpRequest request = b.build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (cookies != null) {
                for (String c : r.headers().allValues("Set-Cookie")) {
                    String pair = c.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                    }
                }
            }
            return r;
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").map(l -> " Location " + l).orElse("");
    }

    private static JsonNode jwtPart(String jwt, int index) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new AssertionError("not a signed JWT (" + parts.length + " parts)");
        }
        return json(new String(Base64.getUrlDecoder().decode(parts[index]), StandardCharsets.UTF_8));
    }

    private static JsonNode json(String body) {
        try {
            return Api.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static Path dir() {
        String dir = System.getProperty("mantelkring.itest.keycloak.dir");
        return dir == null ? null : Path.of(dir);
    }

    /** False only when the pid file names a process that is gone (unknown counts as alive). */
    private static boolean processAlive() {
        Path dir = dir();
        if (dir == null || !Files.isRegularFile(dir.resolve("keycloak.pid"))) {
            return true;
        }
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve("keycloak.pid")).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return true;
        }
    }

    private static String logTail() {
        Path dir = dir();
        if (dir == null) {
            return "";
        }
        Path log = dir.resolve("keycloak.log");
        try {
            List<String> lines = Files.readAllLines(log);
            return "\nlast lines of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "\n(no log at " + log + ")";
        }
    }

    private static void pause() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
