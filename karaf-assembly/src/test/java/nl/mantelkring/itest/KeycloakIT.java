package nl.mantelkring.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The identity provider the build starts for the integration tests is up, reachable from inside the container, and
 * its realms are as the issue-17 contract says (README, "Tests"): discovery of both realms with issuers on
 * 127.0.0.1, signed tokens whose keys the JWKS publishes, the staff realm's {@code groups} and {@code aud}, the
 * client-credentials client, the DigiD broker's {@code bsn} and {@code acr} through its login page, PKCE and
 * loopback-only redirect URIs on the browser clients.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KeycloakIT extends MantelkringTestSupport {

    private static final String SMARTCARD = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard";
    private static final String MOBILE_TWO_FACTOR = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract";
    private static final String API_AUDIENCE = "mantelkring-api";

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Before
    public void keycloakReady() {
        Keycloak.awaitReady();
    }

    @Test
    public void bothRealmsPublishTheirDiscoveryDocumentWithAnIssuerOnTheLoopbackAddress() {
        assertTrue("passed into the container: " + Keycloak.baseUrl(),
                System.getProperty("mantelkring.itest.keycloak", "").startsWith("http://127.0.0.1:"));
        for (String realm : List.of(Keycloak.STAFF, Keycloak.DIGID)) {
            JsonNode d = Keycloak.discovery(realm);
            String issuer = "http://127.0.0.1:" + Keycloak.port() + "/realms/" + realm;
            assertEquals(issuer, Keycloak.issuer(realm));
            assertEquals(issuer, d.path("issuer").asText());
            for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "jwks_uri",
                    "end_session_endpoint", "userinfo_endpoint")) {
                assertTrue(realm + " " + endpoint + ": " + d.path(endpoint),
                        d.path(endpoint).asText().startsWith(issuer + "/protocol/openid-connect/"));
            }
            assertTrue(Keycloak.values(d.path("code_challenge_methods_supported")).contains("S256"));
            JsonNode keys = Keycloak.get(d.path("jwks_uri").asText()).path("keys");
            assertTrue(realm + " publishes an RS256 signing key: " + keys, findKey(keys, null).isPresent());
        }
    }

    @Test
    public void theKoppelingClientGetsAClientCredentialsTokenInGroupConsultantOfAmsterdam() throws Exception {
        String jwt = Keycloak.koppelingAccessToken();
        assertSignedByRealm(Keycloak.STAFF, jwt);
        JsonNode claims = Keycloak.claims(jwt);
        assertEquals(Keycloak.issuer(Keycloak.STAFF), claims.path("iss").asText());
        assertTrue(claims.toString(), Keycloak.values(claims.path("aud")).contains(API_AUDIENCE));
        assertEquals(List.of("consultant@GM0363"), Keycloak.values(claims.path("groups")));
        assertEquals(Keycloak.KOPPELING_CLIENT, claims.path("azp").asText());
        assertTrue(claims.path("exp").asLong() > claims.path("iat").asLong());
    }

    @Test
    public void staffUsersCarryTheirPlainGroupNamesAndTheApiAudience() throws Exception {
        Map<String, List<String>> groups = Map.of(
                "anna.beheer", List.of("platform-admin"),
                "carla.consulent", List.of("consultant@GM0363"),
                "mira.mapping", List.of("MK-Consulenten"),
                "gerrit.geen", List.of());
        for (var e : groups.entrySet()) {
            String jwt = Keycloak.staffTokens(e.getKey()).path("access_token").asText();
            assertSignedByRealm(Keycloak.STAFF, jwt);
            JsonNode claims = Keycloak.claims(jwt);
            assertEquals(Keycloak.issuer(Keycloak.STAFF), claims.path("iss").asText());
            assertEquals(e.getKey(), claims.path("preferred_username").asText());
            assertTrue(claims.toString(), Keycloak.values(claims.path("aud")).contains(API_AUDIENCE));
            assertEquals(e.getKey(), e.getValue(), Keycloak.values(claims.path("groups")));
        }
    }

    @Test
    public void staffSignInThroughTheLoginPageWithTheBackOfficeClient() throws Exception {
        JsonNode tokens = signInWithCode(Keycloak.STAFF, Keycloak.BACKOFFICE_CLIENT, Keycloak.BACKOFFICE_SECRET,
                "/api/v1/sessies/oidc/terugkeer", "carla.consulent");
        JsonNode id = Keycloak.claims(tokens.path("id_token").asText());
        assertEquals(Keycloak.issuer(Keycloak.STAFF), id.path("iss").asText());
        assertEquals(List.of(Keycloak.BACKOFFICE_CLIENT), Keycloak.values(id.path("aud")));
        assertEquals("carla.consulent", id.path("preferred_username").asText());
        assertEquals(List.of("consultant@GM0363"), Keycloak.values(id.path("groups")));
        JsonNode access = Keycloak.claims(tokens.path("access_token").asText());
        assertTrue(access.toString(), Keycloak.values(access.path("aud")).contains(API_AUDIENCE));
        assertEquals(List.of("consultant@GM0363"), Keycloak.values(access.path("groups")));
    }

    @Test
    public void citizensSignInAtTheDigidBrokerWithTheirBsnAndAssuranceLevel() throws Exception {
        Map<String, String[]> citizens = Map.of(
                "burger.substantieel", new String[] {"999993653", SMARTCARD},
                "burger.tweede", new String[] {"999990627", SMARTCARD},
                "burger.midden", new String[] {"999990019", MOBILE_TWO_FACTOR});
        for (var e : citizens.entrySet()) {
            JsonNode tokens = signInWithCode(Keycloak.DIGID, Keycloak.LOKET_CLIENT, Keycloak.LOKET_SECRET,
                    "/api/v1/burgers/sessies/oidc/terugkeer", e.getKey());
            assertSignedByRealm(Keycloak.DIGID, tokens.path("id_token").asText());
            for (String token : List.of("id_token", "access_token")) {
                JsonNode claims = Keycloak.claims(tokens.path(token).asText());
                assertEquals(Keycloak.issuer(Keycloak.DIGID), claims.path("iss").asText());
                assertEquals(e.getKey() + " " + token, e.getValue()[0], claims.path("bsn").asText());
                // the user attribute only: Keycloak's own acr scope ("1") is not on this client
                assertEquals(e.getKey() + " " + token, e.getValue()[1], claims.path("acr").asText());
                assertFalse("no staff claims for citizens: " + claims, claims.has("groups"));
            }
        }
    }

    @Test
    public void theBrowserClientsShowADutchLoginPageAndRequirePkceAndARedirectUriOnTheLoopbackAddress() throws Exception {
        for (String[] c : new String[][] {{Keycloak.STAFF, Keycloak.BACKOFFICE_CLIENT},
                {Keycloak.DIGID, Keycloak.LOKET_CLIENT}}) {
            String redirect = "http://127.0.0.1:" + HTTP_PORT + "/terug";
            // as a browser set to English asks: the realms offer Dutch only
            HttpResponse<String> loginPage = http.send(HttpRequest.newBuilder(URI.create(
                    authorizationUrl(c[0], c[1], redirect, challenge(verifier())))).header("Accept-Language",
                    "en-US,en;q=0.9").timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(c[1] + ": " + loginPage.body(), 200, loginPage.statusCode());
            assertTrue("the login page speaks Dutch", loginPage.body().contains("lang=\"nl\""));
            HttpResponse<String> noPkce = get(authorizationUrl(c[0], c[1], redirect, null));
            String location = noPkce.headers().firstValue("Location").orElse("");
            assertEquals(c[1] + ": " + noPkce.body(), 302, noPkce.statusCode());
            assertTrue(location, location.startsWith(redirect + "?"));
            assertEquals(location, "invalid_request", Keycloak.queryParameter(location, "error").orElse(null));

            HttpResponse<String> foreign = get(authorizationUrl(c[0], c[1], "https://elders.example/terug",
                    challenge(verifier())));
            assertEquals(c[1] + " refuses a foreign redirect URI", 400, foreign.statusCode());
            assertTrue(foreign.headers().firstValue("Location").isEmpty());
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Authorization code with PKCE through the login page ({@link Keycloak#signIn}), then the code exchange. */
    private JsonNode signInWithCode(String realm, String client, String secret, String path, String user) {
        String redirect = "http://127.0.0.1:" + HTTP_PORT + path;
        String verifier = verifier();
        String back = Keycloak.signIn(authorizationUrl(realm, client, redirect, challenge(verifier)), user);
        assertTrue(back, back.startsWith(redirect + "?"));
        assertEquals(back, "staat-1", Keycloak.queryParameter(back, "state").orElse(null));
        String code = Keycloak.queryParameter(back, "code").orElseThrow(() -> new AssertionError("no code: " + back));
        JsonNode tokens = Keycloak.exchangeCode(realm, client, secret, code, redirect, verifier);
        assertEquals("nonce-1", Keycloak.claims(tokens.path("id_token").asText()).path("nonce").asText());
        return tokens;
    }

    private static String authorizationUrl(String realm, String client, String redirect, String challenge) {
        StringBuilder url = new StringBuilder(Keycloak.issuer(realm)).append("/protocol/openid-connect/auth")
                .append("?response_type=code&scope=openid&state=staat-1&nonce=nonce-1")
                .append("&client_id=").append(URLEncoder.encode(client, StandardCharsets.UTF_8))
                .append("&redirect_uri=").append(URLEncoder.encode(redirect, StandardCharsets.UTF_8));
        if (challenge != null) {
            url.append("&code_challenge_method=S256&code_challenge=").append(challenge);
        }
        return url.toString();
    }

    private static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The realm's JWKS has the token's key (kid), and that key verifies the RS256 signature. */
    private static void assertSignedByRealm(String realm, String jwt) throws Exception {
        JsonNode header = Keycloak.header(jwt);
        assertEquals("RS256", header.path("alg").asText());
        JsonNode keys = Keycloak.get(Keycloak.discovery(realm).path("jwks_uri").asText()).path("keys");
        JsonNode jwk = findKey(keys, header.path("kid").asText())
                .orElseThrow(() -> new AssertionError("kid " + header.path("kid") + " not in " + keys));
        Base64.Decoder b64 = Base64.getUrlDecoder();
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, b64.decode(jwk.path("n").asText())), new BigInteger(1, b64.decode(jwk.path("e").asText()))));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        int lastDot = jwt.lastIndexOf('.');
        rs256.update(jwt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        assertTrue("signature of a " + realm + " token", rs256.verify(b64.decode(jwt.substring(lastDot + 1))));
    }

    /** An RS256 signing key of the JWKS, with the kid when given. */
    private static java.util.Optional<JsonNode> findKey(JsonNode keys, String kid) {
        for (JsonNode k : keys) {
            if ("RSA".equals(k.path("kty").asText()) && "RS256".equals(k.path("alg").asText())
                    && "sig".equals(k.path("use").asText()) && (kid == null || kid.equals(k.path("kid").asText()))) {
                assertNotNull(k.get("n"));
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
