package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.ops4j.pax.exam.Option;

/**
 * Citizens signed in with DigiD for the integration tests: the build's Keycloak realm {@code digid} as the broker
 * ({@link Keycloak}), its test citizens, the platform configuration that points at it ({@link #oidcOptions()}), and a
 * sign-in through the broker's own login page over HTTP ({@link #signIn}), which yields the citizen's session cookie
 * and CSRF token for API calls. The browser suites sign in with a real browser instead.
 */
public final class Citizens {

    /** DigiD Substantieel, BSN 999993653. */
    public static final String FIRST = "burger.substantieel";
    public static final String FIRST_BSN = "999993653";
    /** DigiD Substantieel, BSN 999990627: the second citizen of the probes. */
    public static final String SECOND = "burger.tweede";
    public static final String SECOND_BSN = "999990627";
    /** DigiD Midden: below the default minimum, refused. */
    public static final String MIDDEN = "burger.midden";

    /** Test keys (any 32 bytes do; the demo marker makes the platform warn, as it should). */
    static final String PSEUDONYM_KEY = "ZGVtby1vbmx5LXBzZXVkb255bS1rZXktbWFudGVsa3JpbmctMDAwMQ==";
    static final String ENCRYPTION_KEY = "ZGVtby1vbmx5LWJzbi1rZXktbWFudGVsa3JpbmctMDE=";
    private static final String CFG = "etc/nl.mantelkring.platform.oidc.citizen.cfg";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Citizens() {
    }

    /** The container options that configure citizen sign-in against the build's Keycloak. */
    public static List<Option> oidcOptions() {
        return List.of(
                editConfigurationFilePut(CFG, "issuer", Keycloak.issuer(Keycloak.DIGID)),
                editConfigurationFilePut(CFG, "clientId", Keycloak.LOKET_CLIENT),
                editConfigurationFilePut(CFG, ".clientSecret", Keycloak.LOKET_SECRET),
                editConfigurationFilePut(CFG, ".pseudonymKey", PSEUDONYM_KEY),
                editConfigurationFilePut(CFG, "encryptionKeyId", "test"),
                editConfigurationFilePut(CFG, ".encryptionKey", ENCRYPTION_KEY));
    }

    /** A signed-in citizen: the session cookie's value and the session's CSRF token. */
    public record Session(String cookieValue, String csrf) {
        /** The Cookie header value. */
        public String cookie() {
            return "mk_burger=" + cookieValue;
        }

        /** Headers for any call (reads and writes): the cookie and the CSRF token. */
        public Map<String, String> headers() {
            return Map.of("Cookie", cookie(), "X-CSRF-Token", csrf);
        }

        /** Headers with the cookie only (a write without them is refused with 403). */
        public Map<String, String> cookieOnly() {
            return Map.of("Cookie", cookie());
        }
    }

    /** Mantelkring as the browser reaches it: on 127.0.0.1, where the test realm accepts redirect URIs. */
    static String base() {
        return "http://127.0.0.1:" + MantelkringTestSupport.HTTP_PORT;
    }

    /**
     * Signs the citizen in through the broker's login page (HTTP, no browser) and returns the session; fails the test
     * when the sign-in does not end in a session.
     */
    public static Session signIn(String user) throws Exception {
        Keycloak.awaitReady();
        Browser b = new Browser();
        HttpResponse<String> begin = b.get(base() + "/api/v1/burgers/sessies/oidc");
        String toBroker = location(begin);
        assertTrue(toBroker, toBroker.startsWith(Keycloak.issuer(Keycloak.DIGID) + "/"));
        String back = Keycloak.signIn(toBroker, user);
        assertTrue(back, back.startsWith(base() + "/api/v1/burgers/sessies/oidc/terugkeer?"));
        location(b.get(back));
        String cookie = b.cookie("mk_burger");
        assertNotNull("no citizen session for " + user, cookie);
        HttpResponse<String> me = b.get(base() + "/api/v1/burgers/sessies/huidige");
        assertEquals(me.body(), 200, me.statusCode());
        JsonNode who = JSON.readTree(me.body());
        return new Session(cookie, who.path("csrfToken").asText());
    }

    static String location(HttpResponse<String> r) {
        assertEquals(r.uri() + " " + r.body(), 302, r.statusCode());
        return r.headers().firstValue("Location").orElseThrow();
    }

    /** A browser without JavaScript: keeps Mantelkring's cookies, follows no redirects, asks for HTML. */
    static final class Browser {
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> get(String url) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(HttpCookie::getValue).filter(v -> !v.isEmpty()).findFirst().orElse(null);
        }
    }
}
