package nl.mantelkring.platform.internal.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nimbusds.jwt.JWTClaimsSet;

/** The citizen's BSN, level and pseudonym from the broker's ID token. */
class CitizenOidcTest {

    static final String PSEUDONYM_KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    static final String ENCRYPTION_KEY = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes());

    static CitizenOidc citizens(String issuer, SignInStates states, Map<String, Object> extra) {
        Map<String, Object> v = new HashMap<>(Map.of("issuer", issuer, "clientId", "mantelkring-loket",
                "_clientSecret", "loket-geheim", "_pseudonymKey", PSEUDONYM_KEY, "_encryptionKey", ENCRYPTION_KEY));
        v.putAll(extra);
        return new CitizenOidc(Configs.of(CitizenOidc.Config.class, v), new Provider(issuer, 2000), states);
    }

    private final CitizenOidc citizens = citizens("http://127.0.0.1:1/realms/digid", null, Map.of());

    private static JWTClaimsSet claims(Object bsn, String acr) {
        return new JWTClaimsSet.Builder().claim("bsn", bsn).claim("acr", acr).build();
    }

    @Test
    void substantieelAndHoogAreAcceptedBelowIsRefused() throws Exception {
        assertEquals(CitizenOidc.SUBSTANTIEEL, citizens.acr(claims("999993653", CitizenOidc.SUBSTANTIEEL)));
        assertEquals(CitizenOidc.HOOG, citizens.acr(claims("999993653", CitizenOidc.HOOG)));
        for (String low : new String[] {CitizenOidc.MIDDEN, CitizenOidc.BASIS, "urn:other", null}) {
            assertEquals(403, assertThrows(SignInRefused.class, () -> citizens.acr(claims("999993653", low))).status());
        }
    }

    @Test
    void theMinimumLevelIsASetting() throws Exception {
        CitizenOidc midden = citizens("http://127.0.0.1:1/x", null, Map.of("minimumAcr", CitizenOidc.MIDDEN));
        assertEquals(CitizenOidc.MIDDEN, midden.acr(claims("999993653", CitizenOidc.MIDDEN)));
        assertThrows(IllegalArgumentException.class,
                () -> citizens("http://127.0.0.1:1/x", null, Map.of("minimumAcr", "urn:unknown")));
    }

    @Test
    void levelsMayComeAsOneCommaSeparatedCfgLine() throws Exception {
        CitizenOidc c = citizens("http://127.0.0.1:1/x", null, Map.of("acrLevels", new String[] {"laag, midden,hoog"},
                "minimumAcr", "midden"));
        assertEquals("hoog", c.acr(claims("999993653", "hoog")));
        assertThrows(SignInRefused.class, () -> c.acr(claims("999993653", "laag")));
    }

    @Test
    void theBsnMustPassTheElevenTest() throws Exception {
        assertEquals("999993653", citizens.bsn(claims("999993653", null)));
        assertEquals("999993653", citizens.bsn(claims(999993653L, null)));
        assertEquals("012345672", citizens.bsn(claims("12345672", null)));
        for (Object bad : new Object[] {null, "", "999993654", "12345678", "abcdefghi", "000000000", "9999936530",
                java.util.List.of("999993653")}) {
            assertEquals(403, assertThrows(SignInRefused.class, () -> citizens.bsn(claims(bad, null))).status());
        }
    }

    @Test
    void theBsnClaimIsASetting() throws Exception {
        CitizenOidc other = citizens("http://127.0.0.1:1/x", null, Map.of("bsnClaim", "urn:nl:bsn"));
        assertEquals("999993653", other.bsn(new JWTClaimsSet.Builder().claim("urn:nl:bsn", "999993653").build()));
        assertThrows(SignInRefused.class, () -> other.bsn(claims("999993653", null)));
    }

    @Test
    void thePseudonymIsKeyedAndStableAndTheBsnDecryptsOnlyWithTheKey() {
        String p = citizens.pseudonym("999993653");
        assertEquals(p, citizens.pseudonym("999993653"));
        assertNotEquals(p, citizens.pseudonym("999990019"));
        assertTrue(!p.contains("999993653") && p.matches("[0-9a-f]{64}"));
        String stored = citizens.encrypt("999993653");
        assertTrue(stored.startsWith("v1:k1:") && !stored.contains("999993653"));
        assertNotEquals(stored, citizens.encrypt("999993653"));
        assertEquals("999993653", citizens.decrypt(stored));
        CitizenOidc otherKey = citizens("http://127.0.0.1:1/x", null, Map.of("_encryptionKey",
                Base64.getEncoder().encodeToString("ffffffffffffffffffffffffffffffff".getBytes())));
        assertNull(otherKey.decrypt(stored));
        assertEquals("*****3653", CitizenOidc.mask("999993653"));
    }

    @Test
    void weakOrMissingKeysAreRefusedAtActivation() {
        assertThrows(IllegalArgumentException.class, () -> citizens("http://127.0.0.1:1/x", null,
                Map.of("_pseudonymKey", Base64.getEncoder().encodeToString(new byte[16]))));
        assertThrows(IllegalArgumentException.class, () -> citizens("http://127.0.0.1:1/x", null,
                Map.of("_encryptionKey", Base64.getEncoder().encodeToString(new byte[16]))));
        assertThrows(IllegalArgumentException.class, () -> citizens("http://127.0.0.1:1/x", null,
                Map.of("returnPath", "https://elders.example/")));
    }

    @Test
    void levelNames() {
        assertEquals("Substantieel", CitizenOidc.levelName(CitizenOidc.SUBSTANTIEEL));
        assertEquals("Midden", CitizenOidc.levelName(CitizenOidc.MIDDEN));
    }
}
