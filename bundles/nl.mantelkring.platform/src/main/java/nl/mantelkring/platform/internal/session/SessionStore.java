package nl.mantelkring.platform.internal.session;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.cluster.Leases;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.internal.db.UnitOfWork;

/**
 * {@link Sessions} in the table {@code auth_session} of the platform database. The cookie value is 32 random bytes
 * (base64url); the row's key is its SHA-256 hash, and the CSRF token is an HMAC-SHA-256 keyed with the value over a
 * fixed label, so it needs no column and cannot be computed from the table. The last use is written at most once a
 * minute ({@link #TOUCH_INTERVAL}); the idle timeout counts from that recorded use, so a session may end up to a
 * minute early but never late. Expired rows are deleted when met and, every {@code purgeMinutes}, by one node of the
 * cluster (a lease per round). Session writes never join a request's transaction.
 */
@Component(service = {Sessions.class, SessionStore.class}, configurationPid = SessionStore.PID)
@Designate(ocd = SessionStore.Config.class)
public class SessionStore implements Sessions {

    static final String PID = "nl.mantelkring.platform.session";

    @ObjectClassDefinition(name = "Mantelkring sessions")
    public @interface Config {
        @AttributeDefinition(description = "A session ends after this time without use (ISO-8601 duration)")
        String idleTimeout() default "PT15M";

        @AttributeDefinition(description = "A session ends this long after sign-in, used or not (ISO-8601 duration)")
        String absoluteTimeout() default "PT8H";

        @AttributeDefinition(description = "Secure flag of the session cookies: auto (when the request came over"
                + " https, directly or with X-Forwarded-Proto: https from a proxy), always, never")
        String secureCookie() default "auto";

        @AttributeDefinition(description = "Whether staff may sign in with user name and password in the"
                + " back-office (POST /api/v1/sessies); false when single sign-on is mandatory")
        boolean passwordSignIn() default true;

        @AttributeDefinition(description = "How often expired sessions are deleted, in minutes (one node per round)")
        int purgeMinutes() default 10;
    }

    /** How the Secure flag of a cookie is decided. */
    enum SecurePolicy { AUTO, ALWAYS, NEVER }

    /** Resolved settings. */
    record Settings(Duration idle, Duration absolute, SecurePolicy secure, boolean passwordSignIn) {
    }

    static final String STAFF_COOKIE = "mk_sessie";
    static final String CITIZEN_COOKIE = "mk_burger";
    static final String STAFF_PATH = "/api/v1";
    static final String CITIZEN_PATH = "/api/v1/burgers";
    /** The last use is written when it is older than this. */
    static final Duration TOUCH_INTERVAL = Duration.ofSeconds(60);
    static final String PURGE_LEASE = "platform.sessies-opruimen";

    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);
    /** 32 bytes, base64url without padding. */
    private static final Pattern COOKIE_VALUE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final byte[] CSRF_LABEL = "mantelkring csrf-token v1".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> ROLES = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, String>> ATTRIBUTES = new TypeReference<>() { };
    private static final String COLUMNS = "kind, subject, roles, provider, attributes, created_at, last_used_at,"
            + " expires_at";

    private final Jdbc jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Leases leases;
    private volatile Settings settings;
    private ScheduledExecutorService purger;
    private Duration purgeInterval = Duration.ofMinutes(10);

    @Activate
    public SessionStore(@Reference Database database, @Reference Leases leases, Config config) {
        this(new Jdbc(UnitOfWork.outsideUnit(database.dataSource())), leases, Clock.systemUTC(), config);
        int minutes = Math.max(1, config.purgeMinutes());
        // a little shorter than the round, so that the lease is free again when the next round starts
        purgeInterval = Duration.ofMinutes(minutes).minusSeconds(5);
        purger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mantelkring-session-purge");
            t.setDaemon(true);
            return t;
        });
        purger.scheduleWithFixedDelay(this::purgeRound, minutes, minutes, TimeUnit.MINUTES);
    }

    /** Without a purge schedule (tests). */
    SessionStore(Jdbc jdbc, Leases leases, Clock clock, Config config) {
        this.jdbc = jdbc;
        this.leases = leases;
        this.clock = clock;
        this.settings = settings(config);
    }

    @Modified
    void modified(Config config) {
        settings = settings(config);
    }

    @Deactivate
    void deactivate() {
        if (purger != null) {
            purger.shutdownNow();
        }
    }

    /** The settings of the configuration; an unusable value keeps its default (and says so in the log). */
    static Settings settings(Config config) {
        Duration idle = duration("idleTimeout", config.idleTimeout(), Duration.ofMinutes(15));
        Duration absolute = duration("absoluteTimeout", config.absoluteTimeout(), Duration.ofHours(8));
        SecurePolicy secure;
        try {
            secure = SecurePolicy.valueOf(config.secureCookie().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warn("secureCookie '{}' is not auto, always or never; using auto", config.secureCookie());
            secure = SecurePolicy.AUTO;
        }
        return new Settings(idle, absolute, secure, config.passwordSignIn());
    }

    private static Duration duration(String name, String value, Duration fallback) {
        try {
            Duration d = Duration.parse(value.trim());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException | NullPointerException e) {
            // reported below
        }
        LOG.warn("{} '{}' is no positive ISO-8601 duration (e.g. PT15M); using {}", name, value, fallback);
        return fallback;
    }

    /** Whether staff may sign in with user name and password. */
    public boolean passwordSignIn() {
        return settings.passwordSignIn();
    }

    @Override
    public Started start(Kind kind, String subject, Collection<String> roles, String provider,
                         Map<String, String> attributes) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Settings s = settings;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant end = now.plus(s.absolute());
        List<String> roleList = kind == Kind.STAFF && roles != null ? List.copyOf(roles) : List.of();
        Map<String, String> attrs = attributes == null ? Map.of() : Map.copyOf(attributes);
        jdbc.update("insert into auth_session (id_hash, " + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                hash(value), kind.name(), subject, json(roleList), provider, json(attrs), now, now, end);
        return new Started(value, new Session(kind, subject, roleList, provider, attrs, now,
                earlier(end, now.plus(s.idle())), csrfToken(value)));
    }

    @Override
    public Optional<Session> find(Kind kind, String cookieValue) {
        if (cookieValue == null || !COOKIE_VALUE.matcher(cookieValue).matches()) {
            return Optional.empty();
        }
        String id = hash(cookieValue);
        Optional<Row> found = jdbc.queryOne("select " + COLUMNS + " from auth_session where id_hash = ?",
                SessionStore::row, id);
        if (found.isEmpty() || !found.get().kind().equals(kind.name())) {
            return Optional.empty();
        }
        Row row = found.get();
        Settings s = settings;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant idleEnd = row.lastUsedAt().plus(s.idle());
        if (!now.isBefore(row.expiresAt()) || !now.isBefore(idleEnd)) {
            jdbc.update("delete from auth_session where id_hash = ?", id);
            return Optional.empty();
        }
        Instant lastUse = row.lastUsedAt();
        if (Duration.between(lastUse, now).compareTo(TOUCH_INTERVAL) >= 0) {
            jdbc.update("update auth_session set last_used_at = ? where id_hash = ?", now, id);
            lastUse = now;
        }
        return Optional.of(new Session(kind, row.subject(), read(row.roles(), ROLES), row.provider(),
                Map.copyOf(read(row.attributes(), ATTRIBUTES)), row.createdAt(),
                earlier(row.expiresAt(), lastUse.plus(s.idle())), csrfToken(cookieValue)));
    }

    @Override
    public void end(Kind kind, String cookieValue) {
        if (cookieValue != null && COOKIE_VALUE.matcher(cookieValue).matches()) {
            jdbc.update("delete from auth_session where id_hash = ? and kind = ?", hash(cookieValue), kind.name());
        }
    }

    @Override
    public String cookieName(Kind kind) {
        return kind == Kind.STAFF ? STAFF_COOKIE : CITIZEN_COOKIE;
    }

    @Override
    public String setCookie(Kind kind, String cookieValue, boolean secureRequest) {
        SecurePolicy policy = settings.secure();
        boolean secure = policy == SecurePolicy.ALWAYS || policy == SecurePolicy.AUTO && secureRequest;
        // no Max-Age while signed in: the browser forgets the cookie when it closes; the server ends it anyway
        return cookieName(kind) + "=" + (cookieValue == null ? "" : cookieValue)
                + "; Path=" + (kind == Kind.STAFF ? STAFF_PATH : CITIZEN_PATH)
                + (cookieValue == null ? "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" : "")
                + "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "");
    }

    /** Deletes the sessions that have ended (idle or absolute), now. Returns how many. */
    int purge(Instant now) {
        return jdbc.update("delete from auth_session where expires_at <= ? or last_used_at <= ?", now,
                now.minus(settings.idle()));
    }

    /** One scheduled round: the node that takes the round's lease purges; it lets the lease run out by itself. */
    private void purgeRound() {
        try {
            if (leases.tryAcquire(PURGE_LEASE, purgeInterval).isPresent()) {
                int n = purge(clock.instant());
                if (n > 0) {
                    LOG.debug("Deleted {} ended session(s)", n);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Deleting ended sessions failed ({}); retried next round", e.getClass().getSimpleName());
        }
    }

    /** The CSRF token of a session: HMAC-SHA-256 keyed with the cookie value over a fixed label, base64url. */
    static String csrfToken(String cookieValue) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(cookieValue.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(CSRF_LABEL));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored key of a cookie value: its SHA-256, hex. */
    static String hash(String cookieValue) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(cookieValue.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the two tokens are equal, in time independent of where they differ. */
    public static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private record Row(String kind, String subject, String roles, String provider, String attributes,
                       Instant createdAt, Instant lastUsedAt, Instant expiresAt) {
    }

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getString("kind"), rs.getString("subject"), rs.getString("roles"), rs.getString("provider"),
                rs.getString("attributes"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_used_at"),
                Jdbc.instant(rs, "expires_at"));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new DataAccessException(new SQLException("unreadable session row"));
        }
    }

}
