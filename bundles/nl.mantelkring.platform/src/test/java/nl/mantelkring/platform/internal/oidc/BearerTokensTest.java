package nl.mantelkring.platform.internal.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;

import nl.mantelkring.platform.api.Role;
import nl.mantelkring.platform.internal.security.Caller;

/** Bearer JWTs against a real HTTP JWKS: every bad token is refused, a good one maps its roles. */
class BearerTokensTest {

    private FakeProvider idp;
    private BearerTokens tokens;

    @BeforeEach
    void start() throws Exception {
        idp = new FakeProvider();
        tokens = new BearerTokens(StaffSignInFlowTest.staff(idp, null, Map.of()));
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    private JWTClaimsSet.Builder clientCredentials() {
        return idp.claims("mantelkring-api").claim("azp", "mantelkring-koppeling")
                .claim("preferred_username", "service-account-mantelkring-koppeling")
                .claim("groups", List.of("consultant@GM0363", "MK-Consulenten"));
    }

    @Test
    void aValidTokenGivesTheCallerWithMappedRoles() throws Exception {
        Caller c = tokens.verify(idp.sign(clientCredentials().build())).orElseThrow();
        assertEquals("service-account-mantelkring-koppeling", c.getName());
        assertEquals(Set.of(Role.CONSULTANT), c.rolesIn("GM0363"));
        assertEquals(Set.of(Role.CONSULTANT), c.rolesIn("GM0599"));
        assertTrue(!c.isPlatformAdmin());
    }

    @Test
    void withoutAUserNameTheClientIdNamesTheCaller() throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(clientCredentials().build()).claim("preferred_username", null)
                .build();
        assertEquals("mantelkring-koppeling", tokens.verify(idp.sign(claims)).orElseThrow().getName());
    }

    @Test
    void atJwtTypedTokensAreAccepted() throws Exception {
        assertTrue(tokens.verify(FakeProvider.sign(clientCredentials().build(), idp.key, new JOSEObjectType("at+jwt")))
                .isPresent());
    }

    @Test
    void badTokensAreRefused() throws Exception {
        JWTClaimsSet valid = clientCredentials().build();
        long now = System.currentTimeMillis();
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("forged signature", FakeProvider.sign(valid, FakeProvider.newKey("k1"), JOSEObjectType.JWT));
        bad.put("expired", idp.sign(new JWTClaimsSet.Builder(valid).expirationTime(new Date(now - 120_000)).build()));
        bad.put("no exp", idp.sign(new JWTClaimsSet.Builder(valid).expirationTime(null).build()));
        bad.put("not yet valid", idp.sign(new JWTClaimsSet.Builder(valid).notBeforeTime(new Date(now + 600_000))
                .build()));
        bad.put("wrong audience", idp.sign(new JWTClaimsSet.Builder(valid).audience("mantelkring-backoffice").build()));
        bad.put("wrong issuer", idp.sign(new JWTClaimsSet.Builder(valid).issuer("http://127.0.0.1:1/realms/x").build()));
        bad.put("alg none", FakeProvider.unsigned(valid));
        bad.put("HS256 with the public key", idp.signHmacWithPublicKey(valid));
        bad.put("ID token type", FakeProvider.sign(valid, idp.key, new JOSEObjectType("JOSE+JSON")));
        bad.put("garbage", "not.a.jwt");
        bad.put("empty", "");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            assertEquals(Optional.empty(), tokens.verify(e.getValue()), e.getKey());
        }
    }

    @Test
    void aNewKeyIdRefreshesTheKeysAndIsAccepted() throws Exception {
        assertTrue(tokens.verify(idp.sign(clientCredentials().build())).isPresent());
        idp.rotate("k2");
        assertTrue(tokens.verify(idp.sign(clientCredentials().build())).isPresent());
        // the old key is gone from the provider: its tokens are no longer accepted once the set was refreshed
        assertEquals(Optional.empty(), tokens.verify(FakeProvider.sign(clientCredentials().build(),
                FakeProvider.newKey("k3"), JOSEObjectType.JWT)));
    }

    @Test
    void withoutAStaffProviderEveryTokenIsRefused() throws Exception {
        assertEquals(Optional.empty(), new BearerTokens().verify(idp.sign(clientCredentials().build())));
    }
}
