package nl.mantelkring.platform.internal.oidc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * Citizens signing in with DigiD through an OpenID Connect broker ({@code etc/nl.mantelkring.platform.oidc.citizen.cfg};
 * without it there is no citizen sign-in). The BSN comes from a claim and must pass the eleven-test; the broker's
 * {@code acr} must reach the minimum DigiD level. The citizen is known by a pseudonym (HMAC-SHA-256 of the BSN with
 * a key of the installation); the BSN itself is kept only encrypted (AES-256-GCM, random 96-bit nonce, bound to its
 * purpose as associated data; stored form {@code v1:<keyId>:<base64(nonce|ciphertext|tag)>}, as the registration
 * module stores it).
 */
@Component(service = CitizenOidc.class, configurationPid = CitizenOidc.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CitizenOidc.Config.class)
public class CitizenOidc {

    public static final String PID = "nl.mantelkring.platform.oidc.citizen";
    /** DigiD levels, lowest first (Logius). */
    static final String BASIS = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";
    static final String MIDDEN = "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract";
    static final String SUBSTANTIEEL = "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard";
    static final String HOOG = "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI";
    /** The keys of the shipped example configuration start with this: accepted, but said loudly. */
    static final String DEMO_KEY_MARKER = "ZGVtby";

    @ObjectClassDefinition(name = "Mantelkring sign-in for citizens (DigiD through an OpenID Connect broker)")
    public @interface Config {
        @AttributeDefinition(description = "Issuer URL of the broker")
        String issuer();

        @AttributeDefinition(description = "Client id of Mantelkring at the broker")
        String clientId();

        /** Key {@code .clientSecret}: the leading dot keeps it out of the service properties. */
        @AttributeDefinition(description = "Client secret", type = AttributeType.PASSWORD)
        String _clientSecret() default "";

        @AttributeDefinition(description = "Scopes asked for, separated by spaces (openid is always asked)")
        String scopes() default "openid";

        @AttributeDefinition(description = "The broker's name as shown to citizens")
        String displayName() default "DigiD";

        @AttributeDefinition(description = "Claim with the BSN")
        String bsnClaim() default "bsn";

        @AttributeDefinition(description = "acr values from lowest to highest assurance (DigiD: Basis, Midden,"
                + " Substantieel, Hoog)")
        String[] acrLevels() default {BASIS, MIDDEN, SUBSTANTIEEL, HOOG};

        @AttributeDefinition(description = "The lowest acceptable acr (one of acrLevels)")
        String minimumAcr() default SUBSTANTIEEL;

        @AttributeDefinition(description = "Relative path the browser goes to after signing in")
        String returnPath() default "/loket";

        @AttributeDefinition(description = "Redirect URI registered at the broker; empty = derived from the request"
                + " (<scheme>://<host>/api/v1/burgers/sessies/oidc/terugkeer)")
        String redirectUri() default "";

        /** Key {@code .pseudonymKey}: Base64, at least 32 bytes. */
        @AttributeDefinition(description = "HMAC key of the citizen's pseudonym (Base64, at least 32 bytes)",
                type = AttributeType.PASSWORD)
        String _pseudonymKey();

        @AttributeDefinition(description = "Id of the BSN encryption key (1-20 letters, digits, - or _)")
        String encryptionKeyId() default "k1";

        /** Key {@code .encryptionKey}: Base64 of 32 bytes (AES-256). */
        @AttributeDefinition(description = "AES-256 key that encrypts the BSN in the session (Base64, 32 bytes)",
                type = AttributeType.PASSWORD)
        String _encryptionKey();

        @AttributeDefinition(description = "Connect and read timeout towards the broker, in milliseconds")
        int timeoutMillis() default 5000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CitizenOidc.class);
    private static final int NONCE = 12;
    private static final byte[] AAD = "burgersessie|bsn".getBytes(StandardCharsets.UTF_8);

    private final SecureRandom random = new SecureRandom();
    private final Config config;
    private final OidcClient client;
    private final List<String> levels;
    private final int minimum;
    private final SecretKeySpec pseudonymKey;
    private final SecretKeySpec encryptionKey;

    @Activate
    public CitizenOidc(Config config, @Reference SignInStates states) {
        this(config, new Provider(config.issuer(), config.timeoutMillis()), states);
        if (config._pseudonymKey().startsWith(DEMO_KEY_MARKER) || config._encryptionKey().startsWith(DEMO_KEY_MARKER)) {
            LOG.warn("Citizen sign-in runs with the DEMO keys of etc/{}.cfg: replace them before real citizens sign"
                    + " in (README, production checklist)", PID);
        }
        client.provider().resolveInBackground();
    }

    CitizenOidc(Config config, Provider provider, SignInStates states) {
        this.config = config;
        this.levels = StaffOidc.values(config.acrLevels());
        this.minimum = levels.indexOf(config.minimumAcr());
        if (minimum < 0) {
            throw new IllegalArgumentException("minimumAcr is not one of acrLevels");
        }
        // the broker is asked for the minimum level or higher (DigiD then offers only means of that level)
        this.client = new OidcClient(provider, config.clientId(), config._clientSecret(), config.scopes(),
                "CITIZEN", states, config.timeoutMillis(), levels.subList(minimum, levels.size()));
        byte[] pk = decode("pseudonymKey", config._pseudonymKey());
        if (pk.length < 32) {
            throw new IllegalArgumentException("pseudonymKey must be at least 32 bytes");
        }
        this.pseudonymKey = new SecretKeySpec(pk, "HmacSHA256");
        byte[] ek = decode("encryptionKey", config._encryptionKey());
        if (ek.length != 32) {
            throw new IllegalArgumentException("encryptionKey must be 32 bytes (AES-256), Base64-encoded");
        }
        if (!config.encryptionKeyId().matches("[A-Za-z0-9_-]{1,20}")) {
            throw new IllegalArgumentException("encryptionKeyId must be 1-20 letters, digits, - or _");
        }
        this.encryptionKey = new SecretKeySpec(ek, "AES");
        if (!ReturnPaths.isRelative(config.returnPath())) {
            throw new IllegalArgumentException("returnPath must be a relative path such as /loket");
        }
    }

    OidcClient client() {
        return client;
    }

    Config config() {
        return config;
    }

    String displayName() {
        return config.displayName();
    }

    /** The BSN of the ID token: a string of nine digits (eight with a leading zero dropped) passing the eleven-test. */
    String bsn(JWTClaimsSet claims) throws SignInRefused {
        Object v = claims.getClaim(config.bsnClaim());
        String bsn = v instanceof String s ? s.strip() : v instanceof Number n ? String.valueOf(n.longValue()) : null;
        if (bsn != null && bsn.matches("\\d{8}")) {
            bsn = "0" + bsn;
        }
        if (bsn == null || !isValidBsn(bsn)) {
            throw new SignInRefused(403, "geen geldig BSN in het ID-token",
                    "Uw burgerservicenummer kon niet worden vastgesteld. Neem contact op met de gemeente.");
        }
        return bsn;
    }

    /** The acr of the ID token when it reaches the minimum level. */
    String acr(JWTClaimsSet claims) throws SignInRefused {
        String acr = StaffOidc.stringClaim(claims, "acr");
        int level = acr == null ? -1 : levels.indexOf(acr);
        if (level < minimum) {
            throw new SignInRefused(403, "betrouwbaarheidsniveau te laag of onbekend",
                    "Voor deze dienst is een hoger betrouwbaarheidsniveau van DigiD nodig. Meld u opnieuw aan, bijvoorbeeld"
                            + " met de DigiD app met identiteitscheck.");
        }
        return acr;
    }

    /** The DigiD level's Dutch name for an acr value ({@code Substantieel}), or the value itself. */
    static String levelName(String acr) {
        if (acr == null) {
            return null;
        }
        return switch (acr) {
            case BASIS -> "Basis";
            case MIDDEN -> "Midden";
            case SUBSTANTIEEL -> "Substantieel";
            case HOOG -> "Hoog";
            default -> acr;
        };
    }

    /** The citizen's pseudonym: HMAC-SHA-256 of the BSN, hex. */
    String pseudonym(String bsn) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(pseudonymKey);
            return HexFormat.of().formatHex(mac.doFinal(("bsn:" + bsn).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("hash failed", e);
        }
    }

    String encrypt(String bsn) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(128, nonce));
            c.updateAAD(AAD);
            byte[] ct = c.doFinal(bsn.getBytes(StandardCharsets.UTF_8));
            return "v1:" + config.encryptionKeyId() + ":"
                    + Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE + ct.length).put(nonce).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Decrypts what {@link #encrypt} made, or null when it cannot (other key, damaged). */
    String decrypt(String stored) {
        String[] p = stored == null ? new String[0] : stored.split(":", 3);
        if (p.length != 3 || !"v1".equals(p[0]) || !config.encryptionKeyId().equals(p[1])) {
            return null;
        }
        try {
            byte[] in = Base64.getDecoder().decode(p[2]);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(128, in, 0, NONCE));
            c.updateAAD(AAD);
            return new String(c.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The BSN with all but its last four digits hidden: {@code *****3653}. */
    static String mask(String bsn) {
        return bsn == null || bsn.length() < 4 ? null : "*".repeat(bsn.length() - 4) + bsn.substring(bsn.length() - 4);
    }

    /** The eleven-test of the BSN: 9·d1 + 8·d2 + … + 2·d8 − d9 is a multiple of 11 (and not 000000000). */
    static boolean isValidBsn(String bsn) {
        if (bsn == null || !bsn.matches("\\d{9}") || bsn.equals("000000000")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += (9 - i) * (bsn.charAt(i) - '0');
        }
        sum -= bsn.charAt(8) - '0';
        return sum % 11 == 0;
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
}
