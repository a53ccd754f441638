package nl.mantelkring.platform.internal.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.openid.connect.sdk.Nonce;

import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.internal.H2TestSupport;

/** The staff sign-in against a real HTTP provider: code flow with PKCE, state and nonce, ID token validation. */
class StaffSignInFlowTest extends H2TestSupport {

    private static final URI REDIRECT = URI.create("http://127.0.0.1:8181/api/v1/sessies/oidc/terugkeer");

    private FakeProvider idp;
    private MutableClock clock;
    private StaffOidc staff;

    static final class MutableClock extends Clock {
        volatile Instant now = Instant.now();

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() throws Exception {
        idp = new FakeProvider();
        clock = new MutableClock();
        staff = staff(idp, new SignInStates(new Jdbc(db.dataSource()), clock), Map.of());
    }

    static StaffOidc staff(FakeProvider idp, SignInStates states, Map<String, Object> extra) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("issuer", idp.issuer, "clientId",
                FakeProvider.CLIENT, "_clientSecret", FakeProvider.SECRET,
                "roleMapping", "MK-Consulenten=consultant@GM0599;MK-Beheer=municipal-admin@GM0599,auditor@GM0599"));
        values.putAll(extra);
        return new StaffOidc(Configs.of(StaffOidc.Config.class, values), idp.provider(), states);
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    private OidcClient.Finished signIn(java.util.function.Consumer<JWTClaimsSet.Builder> edit) throws Exception {
        OidcClient.Begun begun = staff.client().begin(REDIRECT, "/backoffice");
        Map<String, String> q = idp.authorize(begun.authorizationUrl(), edit);
        return staff.client().finish(q.get("state"), q.get("code"), null, begun.browserCookie());
    }

    @Test
    void signsInWithRolesFromTheGroupClaimThroughTheMapping() throws Exception {
        OidcClient.Finished done = signIn(b -> b.claim("preferred_username", "mira.mapping")
                .claim("groups", List.of("MK-Consulenten", "platform-admin", "consultant@GM0363", "Iets-Anders")));
        assertEquals("mira.mapping", staff.userName(done.claims()));
        assertEquals(Set.of("MK-Consulenten", "consultant@GM0599", "platform-admin", "consultant@GM0363", "Iets-Anders"),
                staff.roles(done.claims()));
        assertEquals("/backoffice", done.returnPath());
        assertTrue(staff.acrAccepted(done.claims()));
    }

    @Test
    void authorizationRequestCarriesPkceStateNonceAndTheBindingCookieIsNotTheState() throws Exception {
        OidcClient.Begun begun = staff.client().begin(REDIRECT, "/backoffice");
        Map<String, String> q = FakeProvider.query(begun.authorizationUrl().getRawQuery());
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(REDIRECT.toString(), q.get("redirect_uri"));
        assertTrue(q.get("scope").contains("openid"));
        assertTrue(!begun.browserCookie().equals(q.get("state")));
        assertEquals(null, q.get("acr_values"), "no acr asked for when none is required");
        // nothing but hashes of state and cookie is stored
        assertEquals(0, new Jdbc(db.dataSource()).count("select count(*) from signin_state where state_hash = ?"
                + " or browser_hash = ?", q.get("state"), begun.browserCookie()));
    }

    @Test
    void aReplayedCallbackIsRefused() throws Exception {
        OidcClient.Begun begun = staff.client().begin(REDIRECT, "/backoffice");
        Map<String, String> q = idp.authorize(begun.authorizationUrl(), b -> b.claim("preferred_username", "anna"));
        staff.client().finish(q.get("state"), q.get("code"), null, begun.browserCookie());
        SignInRefused r = assertThrows(SignInRefused.class,
                () -> staff.client().finish(q.get("state"), q.get("code"), null, begun.browserCookie()));
        assertEquals(400, r.status());
    }

    @Test
    void aCallbackWithAnUnknownStateIsRefused() throws Exception {
        OidcClient.Begun begun = staff.client().begin(REDIRECT, "/backoffice");
        Map<String, String> q = idp.authorize(begun.authorizationUrl(), b -> b.claim("preferred_username", "anna"));
        assertEquals(400, assertThrows(SignInRefused.class, () -> staff.client().finish("other-state", q.get("code"),
                null, begun.browserCookie())).status());
        assertEquals(400, assertThrows(SignInRefused.class, () -> staff.client().finish(null, q.get("code"),
                null, begun.browserCookie())).status());
    }

    @Test
    void aCallbackInAnotherBrowserIsRefusedAndTheStateIsSpent() throws Exception {
        OidcClient.Begun begun = staff.client().begin(REDIRECT, "/backoffice");
        Map<String, String> q = idp.authorize(begun.authorizationUrl(), b -> b.claim("preferred_username", "anna"));
        assertEquals(400, assertThrows(SignInRefused.class,
                () -> staff.client().finish(q.get("state"), q.get("code"), null, "cookie-of-another-browser")).status());
        assertEquals(400, assertThrows(SignInRefused.class,
                () -> staff.client().finish(q.get("state"), q.get("code"), null, null)).status());
    }

    @Test
    void anExpiredStateIsRefused() throws Exception {
        OidcClient.Begun begun = staff.client().begin(REDIRECT, "/backoffice");
        Map<String, String> q = idp.authorize(begun.authorizationUrl(), b -> b.claim("preferred_username", "anna"));
        clock.now = clock.now.plus(SignInStates.LIFETIME).plus(Duration.ofSeconds(1));
        assertEquals(400, assertThrows(SignInRefused.class,
                () -> staff.client().finish(q.get("state"), q.get("code"), null, begun.browserCookie())).status());
    }

    @Test
    void aNonceMismatchIsRefused() throws Exception {
        SignInRefused r = assertThrows(SignInRefused.class,
                () -> signIn(b -> b.claim("preferred_username", "anna").claim("nonce", "other-nonce")));
        assertEquals(401, r.status());
    }

    @Test
    void anErrorFromTheProviderIsRefusedAndConsumesTheState() throws Exception {
        OidcClient.Begun begun = staff.client().begin(REDIRECT, "/backoffice");
        Map<String, String> q = FakeProvider.query(begun.authorizationUrl().getRawQuery());
        assertEquals(403, assertThrows(SignInRefused.class,
                () -> staff.client().finish(q.get("state"), null, "access_denied", begun.browserCookie())).status());
        assertEquals(0, new Jdbc(db.dataSource()).count("select count(*) from signin_state"));
    }

    @Test
    void aRequiredAcrIsChecked() throws Exception {
        staff = staff(idp, new SignInStates(new Jdbc(db.dataSource()), clock), Map.of("requiredAcr",
                new String[] {"mfa, urn:mace:incommon:iap:silver"}));
        // asked for in the authorization request too (voluntary: the provider picks the means)
        assertEquals("mfa urn:mace:incommon:iap:silver", FakeProvider.query(
                staff.client().begin(REDIRECT, "/backoffice").authorizationUrl().getRawQuery()).get("acr_values"));
        assertTrue(!staff.acrAccepted(signIn(b -> b.claim("preferred_username", "anna").claim("acr", "pwd")).claims()));
        assertTrue(!staff.acrAccepted(signIn(b -> b.claim("preferred_username", "anna")).claims()));
        assertTrue(staff.acrAccepted(signIn(b -> b.claim("preferred_username", "anna").claim("acr", "mfa")).claims()));
        assertTrue(staff.acrAccepted(signIn(b -> b.claim("preferred_username", "anna")
                .claim("acr", "urn:mace:incommon:iap:silver")).claims()));
    }

    @Test
    void idTokensThatAreForgedExpiredForAnotherAudienceOrIssuerOrUnsignedAreRefused() throws Exception {
        Nonce nonce = new Nonce("n1");
        JWTClaimsSet valid = idp.claims(FakeProvider.CLIENT).claim("nonce", "n1").build();
        assertEquals("sub-1", staff.client().validate(JWTParser.parse(idp.sign(valid)), nonce).getSubject());

        String forged = FakeProvider.sign(valid, FakeProvider.newKey("k1"), JOSEObjectType.JWT);
        String expired = idp.sign(new JWTClaimsSet.Builder(valid)
                .expirationTime(new java.util.Date(System.currentTimeMillis() - 120_000)).build());
        String otherAudience = idp.sign(new JWTClaimsSet.Builder(valid).audience("someone-else").build());
        String otherIssuer = idp.sign(new JWTClaimsSet.Builder(valid).issuer("http://127.0.0.1:1/realms/x").build());
        for (String bad : List.of(forged, expired, otherAudience, otherIssuer, FakeProvider.unsigned(valid),
                idp.signHmacWithPublicKey(valid))) {
            SignInRefused r = assertThrows(SignInRefused.class,
                    () -> staff.client().validate(JWTParser.parse(bad), nonce));
            assertEquals(401, r.status());
        }
    }

    @Test
    void aTokenSignedWithANewKeyIdRefreshesTheKeysAndIsAccepted() throws Exception {
        Nonce nonce = new Nonce("n1");
        JWTClaimsSet valid = idp.claims(FakeProvider.CLIENT).claim("nonce", "n1").build();
        staff.client().validate(JWTParser.parse(idp.sign(valid)), nonce);
        int fetches = idp.jwksFetches.get();
        idp.rotate("k2");
        assertEquals("sub-1", staff.client().validate(JWTParser.parse(idp.sign(valid)), nonce).getSubject());
        assertTrue(idp.jwksFetches.get() > fetches, "the JWKS was fetched again for the unknown kid");
    }

    @Test
    void rpInitiatedLogoutUrlNamesTheClientAndTheReturnAddress() {
        assertEquals(idp.issuer + "/logout?client_id=mantelkring-backoffice&post_logout_redirect_uri="
                + "http%3A%2F%2F127.0.0.1%3A8181%2Fbackoffice", staff.endSessionUrl("http://127.0.0.1:8181/backoffice"));
    }

    @Test
    void anUnreachableProviderRefusesWith503AndIsRetriedLater() throws Exception {
        String issuer = idp.issuer;
        idp.close();
        StaffOidc offline = new StaffOidc(Configs.of(StaffOidc.Config.class, Map.of("issuer", issuer, "clientId", "c")),
                new Provider(issuer, 500), new SignInStates(new Jdbc(db.dataSource()), clock));
        assertEquals(503, assertThrows(SignInRefused.class, () -> offline.client().begin(REDIRECT, "/backoffice"))
                .status());
        assertEquals(null, offline.endSessionUrl("http://x/"));
    }
}
