package nl.mantelkring.platform.internal.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;

/**
 * Sign-ins under way, in the database (table {@code signin_state}) so that the provider's callback may land on any
 * node. Keyed by a hash of the {@code state}; each is consumed exactly once (a replayed callback finds nothing) and
 * expires after {@link #LIFETIME}. Neither the state nor the browser cookie is stored in clear.
 */
@Component(service = SignInStates.class)
public class SignInStates {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the callback needs: bound to the browser (hash of its cookie), the nonce, the PKCE verifier. */
    record Pending(String kind, String browserHash, String nonce, String codeVerifier, String redirectUri,
                   String returnPath) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    @Activate
    public SignInStates(@Reference Database database) {
        this(new Jdbc(database.dataSource()), Clock.systemUTC());
    }

    SignInStates(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Keeps a sign-in under way; removes the expired ones on the way. */
    void save(String state, Pending p) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.update("delete from signin_state where expires_at < ?", now);
        jdbc.update("insert into signin_state (state_hash, kind, browser_hash, nonce, code_verifier, redirect_uri,"
                + " return_path, expires_at) values (?, ?, ?, ?, ?, ?, ?, ?)", hash(state), p.kind(), p.browserHash(),
                p.nonce(), p.codeVerifier(), p.redirectUri(), p.returnPath(), now.plus(LIFETIME));
    }

    /**
     * Takes the sign-in of this state and kind out of the store: present once, then never again (also when two
     * nodes receive the same callback at once: only the one whose delete removed the row gets it).
     */
    Optional<Pending> consume(String kind, String state) {
        if (state == null || state.isEmpty() || state.length() > 200) {
            return Optional.empty();
        }
        String key = hash(state);
        Optional<Object[]> row = jdbc.queryOne("select kind, browser_hash, nonce, code_verifier, redirect_uri,"
                + " return_path, expires_at from signin_state where state_hash = ?", rs -> new Object[] {
                    new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6)), Jdbc.instant(rs, "expires_at")}, key);
        if (row.isEmpty() || jdbc.update("delete from signin_state where state_hash = ?", key) != 1) {
            return Optional.empty();
        }
        Pending p = (Pending) row.get()[0];
        Instant expires = (Instant) row.get()[1];
        if (!p.kind().equals(kind) || !clock.instant().isBefore(expires)) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** A new random value of 256 bits, URL-safe. */
    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
