package nl.mantelkring.registration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

class CryptoTest {

    private final Crypto crypto = Fakes.crypto();

    @Test
    void encryptsWithAFreshNonceAndDecryptsForTheSameTenantAndField() {
        String a = crypto.encrypt("GM0363", "bsn", "111222333");
        String b = crypto.encrypt("GM0363", "bsn", "111222333");
        assertNotEquals(a, b);
        assertTrue(a.startsWith("v1:t1:"));
        assertFalse(a.contains("111222333"));
        assertFalse(new String(Base64.getDecoder().decode(a.substring(6))).contains("111222333"));
        assertEquals("111222333", crypto.decrypt("GM0363", "bsn", a));
        assertNull(crypto.encrypt("GM0363", "bsn", null));
    }

    @Test
    void aValueCopiedToAnotherTenantOrFieldDoesNotDecrypt() {
        String a = crypto.encrypt("GM0363", "bsn", "111222333");
        assertThrows(IllegalStateException.class, () -> crypto.decrypt("GM0344", "bsn", a));
        assertThrows(IllegalStateException.class, () -> crypto.decrypt("GM0363", "iban", a));
    }

    @Test
    void rotatedKeysStillReadOldValues() {
        String old = crypto.encrypt("GM0363", "iban", "NL91ABNA0417164300");
        String newKey = Base64.getEncoder().encodeToString(new byte[32]);
        Crypto rotated = new Crypto("t2", newKey, "t1:" + Fakes.DEMO_KEY, Fakes.DEMO_LOOKUP);
        assertEquals("NL91ABNA0417164300", rotated.decrypt("GM0363", "iban", old));
        assertTrue(rotated.encrypt("GM0363", "iban", "x").startsWith("v1:t2:"));
        Crypto forgot = new Crypto("t2", newKey, "", Fakes.DEMO_LOOKUP);
        assertThrows(IllegalStateException.class, () -> forgot.decrypt("GM0363", "iban", old));
    }

    @Test
    void lookupHashIsStablePerTenantAndLinksNoTenants() {
        assertEquals(crypto.lookupHash("GM0363", "111222333"), crypto.lookupHash("GM0363", "111222333"));
        assertNotEquals(crypto.lookupHash("GM0363", "111222333"), crypto.lookupHash("GM0344", "111222333"));
        assertEquals(64, crypto.lookupHash("GM0363", "111222333").length());
    }

    @Test
    void badKeysRefuseToStart() {
        assertThrows(IllegalArgumentException.class, () -> new Crypto("1", "", "", Fakes.DEMO_LOOKUP));
        assertThrows(IllegalArgumentException.class, () -> new Crypto("1", "c2hvcnQ=", "", Fakes.DEMO_LOOKUP));
        assertThrows(IllegalArgumentException.class, () -> new Crypto("1", Fakes.DEMO_KEY, "", "c2hvcnQ="));
        assertThrows(IllegalArgumentException.class, () -> new Crypto("a:b", Fakes.DEMO_KEY, "", Fakes.DEMO_LOOKUP));
    }
}
