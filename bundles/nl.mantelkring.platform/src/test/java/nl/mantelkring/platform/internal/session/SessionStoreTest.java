package nl.mantelkring.platform.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.internal.H2TestSupport;

/** The session store on H2 with a clock the test moves: hashing, CSRF derivation, timeouts, last-use writes, purge. */
class SessionStoreTest extends H2TestSupport {

    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");

    /** A clock the test sets. */
    static final class TestClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
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

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    static SessionStore.Config config(String idle, String absolute, String secure) {
        return new SessionStore.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SessionStore.Config.class;
            }

            @Override
            public String idleTimeout() {
                return idle;
            }

            @Override
            public String absoluteTimeout() {
                return absolute;
            }

            @Override
            public String secureCookie() {
                return secure;
            }

            @Override
            public boolean passwordSignIn() {
                return true;
            }

            @Override
            public int purgeMinutes() {
                return 10;
            }
        };
    }

    private TestClock clock;
    private Jdbc jdbc;
    private SessionStore store;

    /** The database under test (H2 here; PostgreSQL in {@link SessionStorePostgresqlTest}). */
    protected javax.sql.DataSource dataSource() {
        return db.dataSource();
    }

    @BeforeEach
    void setUp() {
        clock = new TestClock();
        jdbc = new Jdbc(dataSource());
        jdbc.update("delete from auth_session");
        store = new SessionStore(jdbc, null, clock, config("PT15M", "PT8H", "auto"));
    }

    private Optional<Sessions.Session> staff(String value) {
        return store.find(Sessions.Kind.STAFF, value);
    }

    private Instant lastUse(String value) {
        return jdbc.queryOne("select last_used_at from auth_session where id_hash = ?",
                rs -> Jdbc.instant(rs, "last_used_at"), SessionStore.hash(value)).orElseThrow();
    }

    private long rows() {
        return jdbc.count("select count(*) from auth_session");
    }

    @Test
    void onlyTheHashOfTheRandomCookieValueIsStored() {
        Sessions.Started a = store.start(Sessions.Kind.STAFF, "consulent-amsterdam", List.of("consultant@GM0363"),
                "jaas", Map.of("x", "y"));
        Sessions.Started b = store.start(Sessions.Kind.STAFF, "consulent-amsterdam", List.of(), "jaas", Map.of());
        assertTrue(a.cookieValue().matches("[A-Za-z0-9_-]{43}"), "256 bits, base64url");
        assertNotEquals(a.cookieValue(), b.cookieValue());
        List<String> stored = jdbc.query("select id_hash || subject || roles || provider || attributes from auth_session",
                rs -> rs.getString(1));
        assertEquals(2, stored.size());
        assertTrue(stored.stream().noneMatch(r -> r.contains(a.cookieValue()) || r.contains(b.cookieValue())));
        assertEquals(1, jdbc.count("select count(*) from auth_session where id_hash = ?", SessionStore.hash(a.cookieValue())));
        Sessions.Session s = staff(a.cookieValue()).orElseThrow();
        assertEquals("consulent-amsterdam", s.subject());
        assertEquals(List.of("consultant@GM0363"), s.roles());
        assertEquals("jaas", s.provider());
        assertEquals(Map.of("x", "y"), s.attributes());
        assertEquals(T0, s.createdAt());
        assertEquals(T0.plus(Duration.ofMinutes(15)), s.expiresAt(), "ends after the idle time unless used");
    }

    @Test
    void theCsrfTokenIsDerivedFromTheValueAndNotFromTheStoredHash() {
        Sessions.Started a = store.start(Sessions.Kind.STAFF, "u", List.of(), "jaas", Map.of());
        Sessions.Started b = store.start(Sessions.Kind.STAFF, "u", List.of(), "jaas", Map.of());
        assertEquals(a.session().csrfToken(), staff(a.cookieValue()).orElseThrow().csrfToken(), "same on every find");
        assertEquals(SessionStore.csrfToken(a.cookieValue()), a.session().csrfToken(), "any node derives the same");
        assertNotEquals(a.session().csrfToken(), b.session().csrfToken());
        assertNotEquals(a.cookieValue(), a.session().csrfToken());
        assertFalse(SessionStore.hash(a.cookieValue()).contains(a.session().csrfToken()));
        assertTrue(SessionStore.sameToken(a.session().csrfToken(), a.session().csrfToken()));
        assertFalse(SessionStore.sameToken(a.session().csrfToken(), b.session().csrfToken()));
        assertFalse(SessionStore.sameToken(a.session().csrfToken(), null));
    }

    @Test
    void theIdleTimeoutCountsFromTheLastUse() {
        String v = store.start(Sessions.Kind.STAFF, "u", List.of(), "jaas", Map.of()).cookieValue();
        clock.advance(Duration.ofMinutes(14));
        assertTrue(staff(v).isPresent());
        clock.advance(Duration.ofMinutes(14));
        assertTrue(staff(v).isPresent(), "used 14 minutes ago");
        clock.advance(Duration.ofMinutes(15));
        assertTrue(staff(v).isEmpty(), "15 minutes without use");
        assertEquals(0, rows(), "an ended session met is deleted");
    }

    @Test
    void theLastUseIsWrittenAtMostOnceAMinute() {
        String v = store.start(Sessions.Kind.STAFF, "u", List.of(), "jaas", Map.of()).cookieValue();
        clock.advance(Duration.ofSeconds(59));
        staff(v).orElseThrow();
        assertEquals(T0, lastUse(v), "not written within the minute");
        clock.advance(Duration.ofSeconds(1));
        Sessions.Session s = staff(v).orElseThrow();
        assertEquals(T0.plusSeconds(60), lastUse(v));
        assertEquals(T0.plusSeconds(60).plus(Duration.ofMinutes(15)), s.expiresAt());
    }

    @Test
    void theAbsoluteTimeoutEndsASessionInUse() {
        store.modified(config("PT2H", "PT8H", "auto"));
        String v = store.start(Sessions.Kind.STAFF, "u", List.of(), "jaas", Map.of()).cookieValue();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(95));
            Sessions.Session s = staff(v).orElseThrow(() -> new AssertionError("ended early"));
            assertFalse(s.expiresAt().isAfter(T0.plus(Duration.ofHours(8))), "never past the absolute end");
        }
        clock.advance(Duration.ofMinutes(5)); // 8 h after sign-in
        assertTrue(staff(v).isEmpty());
    }

    @Test
    void aSessionOfOneKindIsNoSessionOfTheOther() {
        String citizen = store.start(Sessions.Kind.CITIZEN, "pseudoniem", List.of("platform-admin"), "oidc-citizen",
                Map.of("acr", "substantieel")).cookieValue();
        String staff = store.start(Sessions.Kind.STAFF, "u", List.of(), "jaas", Map.of()).cookieValue();
        assertTrue(staff(citizen).isEmpty(), "a citizen session never authenticates staff");
        assertTrue(store.find(Sessions.Kind.CITIZEN, staff).isEmpty());
        Sessions.Session c = store.find(Sessions.Kind.CITIZEN, citizen).orElseThrow();
        assertEquals(List.of(), c.roles(), "a citizen holds no role");
        store.end(Sessions.Kind.STAFF, citizen);
        assertTrue(store.find(Sessions.Kind.CITIZEN, citizen).isPresent(), "ending as staff leaves a citizen session");
    }

    @Test
    void endedAndUnknownValuesFindNothing() {
        String v = store.start(Sessions.Kind.STAFF, "u", List.of(), "jaas", Map.of()).cookieValue();
        store.end(Sessions.Kind.STAFF, v);
        assertTrue(staff(v).isEmpty());
        store.end(Sessions.Kind.STAFF, v); // no-op
        for (String junk : new String[] {null, "", "x", v + "x", "' or 1=1 --", v.replace(v.charAt(0), '.')}) {
            assertTrue(staff(junk).isEmpty(), String.valueOf(junk));
        }
    }

    @Test
    void purgeDeletesOnlyEndedSessions() {
        String idle = store.start(Sessions.Kind.STAFF, "a", List.of(), "jaas", Map.of()).cookieValue();
        clock.advance(Duration.ofMinutes(10));
        String live = store.start(Sessions.Kind.STAFF, "b", List.of(), "jaas", Map.of()).cookieValue();
        clock.advance(Duration.ofMinutes(6));
        assertEquals(1, store.purge(clock.instant()));
        assertTrue(staff(live).isPresent());
        assertEquals(1, rows());
        assertTrue(staff(idle).isEmpty());
    }

    @Test
    void cookieAttributes() {
        String v = "A".repeat(43);
        assertEquals("mk_sessie=" + v + "; Path=/api/v1; HttpOnly; SameSite=Lax",
                store.setCookie(Sessions.Kind.STAFF, v, false));
        assertEquals("mk_sessie=" + v + "; Path=/api/v1; HttpOnly; SameSite=Lax; Secure",
                store.setCookie(Sessions.Kind.STAFF, v, true));
        assertEquals("mk_burger=" + v + "; Path=/api/v1/burgers; HttpOnly; SameSite=Lax",
                store.setCookie(Sessions.Kind.CITIZEN, v, false));
        assertEquals("mk_sessie=; Path=/api/v1; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax",
                store.setCookie(Sessions.Kind.STAFF, null, false));
        store.modified(config("PT15M", "PT8H", "always"));
        assertTrue(store.setCookie(Sessions.Kind.STAFF, v, false).endsWith("; Secure"));
        store.modified(config("PT15M", "PT8H", "never"));
        assertFalse(store.setCookie(Sessions.Kind.STAFF, v, true).contains("Secure"));
    }

    @Test
    void unusableSettingsKeepTheirDefaults() {
        SessionStore.Settings s = SessionStore.settings(config("15 minuten", "-PT1H", "soms"));
        assertEquals(Duration.ofMinutes(15), s.idle());
        assertEquals(Duration.ofHours(8), s.absolute());
        assertEquals(SessionStore.SecurePolicy.AUTO, s.secure());
        assertEquals(Duration.ofSeconds(2), SessionStore.settings(config("PT2S", "PT8H", "auto")).idle());
    }
}
