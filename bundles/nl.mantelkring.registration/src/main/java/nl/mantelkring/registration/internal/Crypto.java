package nl.mantelkring.registration.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts BSN and IBAN for storage (AES-256-GCM with a random 96-bit nonce; the tenant and field are bound as
 * associated data, so a value copied to another tenant or column does not decrypt) and makes keyed lookup hashes
 * (HMAC-SHA-256 over tenant and value). Stored form: {@code v1:<keyId>:<base64(nonce|ciphertext|tag)>}.
 */
@Component(service = Crypto.class, configurationPid = "nl.mantelkring.registration",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RegistrationConfig.class)
public class Crypto {

    private static final Logger LOG = LoggerFactory.getLogger(Crypto.class);
    private static final String PREFIX = "v1:";
    private static final int NONCE = 12;
    /** The key shipped in the demo configuration: refuse nothing, but say it loudly. */
    static final String DEMO_KEY_MARKER = "ZGVtby";

    private final SecureRandom random = new SecureRandom();
    private final String keyId;
    private final SecretKeySpec key;
    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final SecretKeySpec lookupKey;

    @Activate
    public Crypto(RegistrationConfig config) {
        this(config.encryptionKeyId(), config.encryptionKey(), config.previousEncryptionKeys(), config.lookupKey());
        if (config.encryptionKey().startsWith(DEMO_KEY_MARKER) || config.lookupKey().startsWith(DEMO_KEY_MARKER)) {
            LOG.warn("The registration module runs with the DEMO keys of etc/nl.mantelkring.registration.cfg: "
                    + "replace them before real personal data is stored (README, production checklist)");
        }
    }

    Crypto(String keyId, String encryptionKey, String previousKeys, String lookupKey) {
        if (keyId == null || !keyId.matches("[A-Za-z0-9_-]{1,20}")) {
            throw new IllegalArgumentException("encryptionKeyId must be 1-20 letters, digits, - or _");
        }
        this.keyId = keyId;
        this.key = aesKey("encryptionKey", encryptionKey);
        keys.put(keyId, key);
        if (previousKeys != null && !previousKeys.isBlank()) {
            for (String pair : previousKeys.split(",")) {
                String[] p = pair.strip().split(":", 2);
                if (p.length != 2) {
                    throw new IllegalArgumentException("previousEncryptionKeys: expected id:base64");
                }
                keys.putIfAbsent(p[0], aesKey("previousEncryptionKeys", p[1]));
            }
        }
        byte[] lk = decode("lookupKey", lookupKey);
        if (lk.length < 32) {
            throw new IllegalArgumentException("lookupKey must be at least 32 bytes");
        }
        this.lookupKey = new SecretKeySpec(lk, "HmacSHA256");
    }

    private static SecretKeySpec aesKey(String name, String base64) {
        byte[] k = decode(name, base64);
        if (k.length != 32) {
            throw new IllegalArgumentException(name + " must be 32 bytes (AES-256), Base64-encoded");
        }
        return new SecretKeySpec(k, "AES");
    }

    private static byte[] decode(String name, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException(name + " is not configured");
        }
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not valid Base64");
        }
    }

    /** Encrypts a value for a tenant's field; null stays null. */
    String encrypt(String tenant, String field, String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(tenant, field));
            byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array();
            return PREFIX + keyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Decrypts what {@link #encrypt} made for the same tenant and field; null stays null. */
    String decrypt(String tenant, String field, String stored) {
        if (stored == null) {
            return null;
        }
        String[] p = stored.split(":", 3);
        if (p.length != 3 || !"v1".equals(p[0])) {
            throw new IllegalStateException("unknown cipher format");
        }
        SecretKeySpec k = keys.get(p[1]);
        if (k == null) {
            throw new IllegalStateException("no key with id " + p[1] + " configured (previousEncryptionKeys)");
        }
        try {
            byte[] in = Base64.getDecoder().decode(p[2]);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, k, new GCMParameterSpec(128, in, 0, NONCE));
            c.updateAAD(aad(tenant, field));
            return new String(c.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong key, tenant or field)", e);
        }
    }

    /** Keyed hash for lookups: equal values in one tenant give equal hashes; nothing links tenants. */
    String lookupHash(String tenant, String value) {
        if (value == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(lookupKey);
            return HexFormat.of().formatHex(mac.doFinal((tenant + ":" + value).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("hash failed", e);
        }
    }

    /** Unkeyed SHA-256 hex (for values that are stored in clear anyway, such as the identity key). */
    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] aad(String tenant, String field) {
        return (tenant + "|" + field).getBytes(StandardCharsets.UTF_8);
    }
}
