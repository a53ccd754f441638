package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.math.BigInteger;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OpenID Connect against the build's real Keycloak (realms {@code mantelkring} and {@code digid}, see
 * {@link Keycloak}): staff through Keycloak's login page in Chromium; citizens through the broker's login page
 * (Substantieel accepted, Midden refused); a citizen session probing every staff operation of the served OpenAPI
 * document; bearer tokens of a system integration and of a user, and each kind of bad token.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OidcIT extends MantelkringTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(Arrays.asList(super.config()));
        String staff = "etc/nl.mantelkring.platform.oidc.staff.cfg";
        options.addAll(List.of(
                editConfigurationFilePut(staff, "issuer", Keycloak.issuer(Keycloak.STAFF)),
                editConfigurationFilePut(staff, "clientId", Keycloak.BACKOFFICE_CLIENT),
                editConfigurationFilePut(staff, ".clientSecret", Keycloak.BACKOFFICE_SECRET),
                editConfigurationFilePut(staff, "displayName", "Mantelkring-test (Keycloak)"),
                editConfigurationFilePut(staff, "roleMapping", "MK-Consulenten=consultant@GM0599")));
        options.addAll(Citizens.oidcOptions());
        options.addAll(BrowserSuite.options());
        return options.toArray(Option[]::new);
    }

    /** Mantelkring as the browser reaches it: on 127.0.0.1, where the test realms accept redirect URIs. */
    private static String base() {
        return "http://127.0.0.1:" + HTTP_PORT;
    }

    private static String location(HttpResponse<String> r) {
        return Citizens.location(r);
    }

    /** Signs in at the broker's own login page; returns the answer of Mantelkring's callback. */
    private static HttpResponse<String> citizenSignIn(Citizens.Browser b, String user) throws Exception {
        Keycloak.awaitReady();
        String toBroker = location(b.get(base() + "/api/v1/burgers/sessies/oidc"));
        assertTrue(toBroker, toBroker.startsWith(Keycloak.issuer(Keycloak.DIGID) + "/"));
        assertTrue(toBroker, toBroker.contains("code_challenge_method=S256"));
        // the broker is asked for DigiD Substantieel or higher (the default minimum), and still answers
        assertTrue(toBroker, toBroker.contains("acr_values=" + java.net.URLEncoder.encode(
                "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
                java.nio.charset.StandardCharsets.UTF_8)));
        String back = Keycloak.signIn(toBroker, user);
        assertTrue(back, back.startsWith(base() + "/api/v1/burgers/sessies/oidc/terugkeer?"));
        return b.get(back);
    }

    @Test
    public void citizenWithSubstantieelSignsInAndSeesTheMaskedBsnMiddenIsRefused() throws Exception {
        Citizens.Browser b = new Citizens.Browser();
        HttpResponse<String> done = citizenSignIn(b, "burger.substantieel");
        assertEquals("/loket", location(done));
        String session = b.cookie("mk_burger");
        assertNotNull(session);
        HttpResponse<String> me = b.get(base() + "/api/v1/burgers/sessies/huidige");
        assertEquals(me.body(), 200, me.statusCode());
        JsonNode who = JSON.readTree(me.body());
        assertEquals("*****3653", who.path("bsn").asText());
        assertEquals("Substantieel", who.path("betrouwbaarheidsniveau").asText());
        assertFalse(me.body().contains("999993653"));
        // the same through the IT client, so that the contract check sees these answers
        Map<String, String> cookie = Map.of("Cookie", "mk_burger=" + session);
        assertEquals(200, api.sendWith(cookie, "GET", "/burgers/sessies/huidige", null, null).status());
        assertProblem(api.sendWith(cookie, "DELETE", "/burgers/sessies/huidige", null, null), 403);
        Api.Res out = api.sendWith(Map.of("Cookie", "mk_burger=" + session,
                "X-CSRF-Token", who.path("csrfToken").asText()), "DELETE", "/burgers/sessies/huidige", null, null);
        assertEquals(out.toString(), 204, out.status());
        assertProblem(api.sendWith(cookie, "GET", "/burgers/sessies/huidige", null, null), 401);

        Citizens.Browser midden = new Citizens.Browser();
        HttpResponse<String> refused = citizenSignIn(midden, "burger.midden");
        assertEquals(refused.body(), 403, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(refused.body(), refused.body().contains("betrouwbaarheidsniveau"));
        assertEquals(null, midden.cookie("mk_burger"));
        // a replayed callback is refused
        assertEquals(400, midden.get(refused.uri().toString()).statusCode());
    }

    /**
     * A citizen session gets nothing of the staff API: every operation of the served document that needs a staff
     * sign-in answers 401, 403 or 404 with the citizen's session, under its own cookie name and under the staff one.
     */
    @Test
    public void aCitizenSessionGetsNoStaffOperation() throws Exception {
        Citizens.Browser b = new Citizens.Browser();
        assertEquals("/loket", location(citizenSignIn(b, "burger.substantieel")));
        String session = b.cookie("mk_burger");
        JsonNode doc = api.get(null, "/openapi.json").json();
        int probed = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "PUT", "POST", "DELETE", "PATCH").contains(method)) {
                    continue;
                }
                JsonNode security = op.getValue().get("security");
                if (security != null && security.isArray() && security.isEmpty()) {
                    continue; // open to everyone: health, the document, signing in, the citizen's own session
                }
                if (security != null && security.toString().contains("burgerCookie")) {
                    continue; // the citizen's own operations (the loket): LoketIT probes those
                }
                String concrete = path.getKey().replace("{gemeentecode}", "GM0363").replaceAll("\\{[^}]+}", "x");
                for (String cookie : List.of("mk_burger=" + session, "mk_sessie=" + session)) {
                    Api.Res r = api.sendWith(Map.of("Cookie", cookie, "X-CSRF-Token", "x"), method, concrete, null, null);
                    assertTrue(method + " " + concrete + " with " + cookie.substring(0, 9) + " answered " + r.status(),
                            r.status() == 401 || r.status() == 403 || r.status() == 404);
                }
                probed++;
            }
        }
        assertTrue("probed " + probed + " staff operations", probed > 20);
    }

    private Api.Res withBearer(String token, String path) {
        return api.sendWith(Map.of("Authorization", "Bearer " + token), "GET", path, null, null);
    }

    @Test
    public void bearerTokensOfTheProviderAreAcceptedAndEveryBadTokenIsRefused() throws Exception {
        Keycloak.awaitReady();
        api.await("consulent-amsterdam", "/gemeenten/GM0363/backoffice-onderdelen", 200);
        // a system integration (client credentials; its service account is in group consultant@GM0363)
        String token = Keycloak.koppelingAccessToken();
        Api.Res ok = withBearer(token, "/gemeenten/GM0363/backoffice-onderdelen");
        assertEquals(ok.toString(), 200, ok.status());
        assertEquals(404, withBearer(token, "/gemeenten/GM0344/backoffice-onderdelen").status());
        // a user's access token: group MK-Consulenten mapped onto consultant@GM0599, nothing in GM0363
        JsonNode mira = Keycloak.staffTokens("mira.mapping");
        assertEquals(404, withBearer(mira.path("access_token").asText(), "/gemeenten/GM0363/backoffice-onderdelen")
                .status());

        String[] parts = token.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, String> bad = new LinkedHashMap<>();
        char c = parts[2].charAt(10);
        bad.put("forged signature", parts[0] + "." + parts[1] + "." + parts[2].substring(0, 10) + (c == 'A' ? 'B' : 'A')
                + parts[2].substring(11));
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        bad.put("changed claims", parts[0] + "." + b64.encodeToString(payload.replace("\"exp\":", "\"exp\":9")
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
        bad.put("alg none", b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".");
        bad.put("HS256 with the provider's public key", hs256WithPublicKey(parts[1]));
        bad.put("wrong audience (an ID token)", mira.path("id_token").asText());
        bad.put("garbage", "abc");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            Api.Res r = withBearer(e.getValue(), "/gemeenten");
            assertEquals(e.getKey(), 401, r.status());
            assertTrue(e.getKey(), r.header("WWW-Authenticate").contains("error=\"invalid_token\""));
        }
        assertProblem(api.get("consulent-amsterdam", "/gemeenten?access_token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8)), 401);
    }

    /** A token signed with HS256 using the encoded RSA public key of the realm as the shared secret. */
    private static String hs256WithPublicKey(String payload) throws Exception {
        JsonNode key = null;
        for (JsonNode k : Keycloak.get(Keycloak.issuer(Keycloak.STAFF) + "/protocol/openid-connect/certs").path("keys")) {
            if ("RSA".equals(k.path("kty").asText()) && "sig".equals(k.path("use").asText())) {
                key = k;
            }
        }
        assertNotNull(key);
        BigInteger n = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("n").asText()));
        BigInteger e = new BigInteger(1, Base64.getUrlDecoder().decode(key.path("e").asText()));
        byte[] secret = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e)).getEncoded();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(("{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"" + key.path("kid").asText()
                + "\"}").getBytes(StandardCharsets.UTF_8)) + "." + payload;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * Staff through Keycloak's own login page in Chromium (src/test/e2e/oidc.e2e.mjs): the role from the group claim
     * works in the back-office, a revoked grant ends access at the next request, sign-out ends the session here and
     * at Keycloak.
     */
    @Test
    public void staffSignInThroughKeycloakInTheBrowser() throws Exception {
        Keycloak.awaitReady();
        api.await("consulent-amsterdam", "/gemeenten/GM0363/backoffice-onderdelen", 200);
        BrowserSuite.run("oidc.e2e.mjs", "[e2e] PASSED", Map.of("MK_BASE_URL", base(), "MK_ADMIN", "beheerder-amsterdam:demo"));
    }
}
