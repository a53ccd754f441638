package nl.mantelkring.platform.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.sql.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.internal.H2TestSupport;

/**
 * Sign-out: needs the session's CSRF token, ends the session, clears the cookie, is audited, and after single
 * sign-on tells the browser where to sign out at the identity provider ({@link StaffSignIn}).
 */
class SessionResourceTest extends H2TestSupport {

    private final List<AuditEntry> audited = new ArrayList<>();
    private SessionStore store;
    private SessionResource resource;

    @BeforeEach
    void setUp() {
        store = new SessionStore(new Jdbc(db.dataSource()), null, Clock.systemUTC(),
                SessionStoreTest.config("PT15M", "PT8H", "auto"));
        AuditLog audit = new AuditLog() {
            @Override
            public long record(AuditEntry entry) {
                audited.add(entry);
                return audited.size();
            }

            @Override
            public long record(Connection connection, AuditEntry entry) {
                return record(entry);
            }
        };
        resource = new SessionResource(store, null, null, audit);
    }

    private static HttpHeaders headers(String cookieValue) {
        return (HttpHeaders) Proxy.newProxyInstance(HttpHeaders.class.getClassLoader(), new Class<?>[] {HttpHeaders.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestHeader" -> HttpHeaders.COOKIE.equals(args[0]) ? List.of("mk_sessie=" + cookieValue) : null;
                    case "getHeaderString" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static UriInfo uri() {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getRequestUri")) {
                        return URI.create("http://mantelkring.example:8181/api/v1/sessies/huidige");
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void signOutAfterSingleSignOnSaysWhereToSignOutAtTheProvider() {
        List<String> asked = new ArrayList<>();
        resource.bindStaffSignIn(new StaffSignIn() {
            @Override
            public String displayName() {
                return "Gemeente Test";
            }

            @Override
            public String endSessionUrl(String postLogoutRedirectUri) {
                asked.add(postLogoutRedirectUri);
                return "https://idp.example/logout";
            }
        });
        Sessions.Started sso = store.start(Sessions.Kind.STAFF, "anna", List.of(), "oidc-staff", Map.of());
        Response r = resource.signOut(headers(sso.cookieValue()), uri(), sso.session().csrfToken(), "c1");
        assertEquals(200, r.getStatus());
        assertEquals("https://idp.example/logout", ((SessionResource.SignedOut) r.getEntity()).endSessionUrl());
        assertEquals(List.of("http://mantelkring.example:8181/backoffice"), asked);
        assertTrue(r.getHeaderString(HttpHeaders.SET_COOKIE).startsWith("mk_sessie=; Path=/api/v1; Max-Age=0"));
        assertTrue(store.find(Sessions.Kind.STAFF, sso.cookieValue()).isEmpty());
        assertEquals("sessie.afmelden", audited.get(0).activity());
        assertEquals("anna", audited.get(0).actor());

        // a password session signs out here only
        Sessions.Started local = store.start(Sessions.Kind.STAFF, "bert", List.of(), "jaas", Map.of());
        assertEquals(204, resource.signOut(headers(local.cookieValue()), uri(), local.session().csrfToken(), "c2")
                .getStatus());
    }

    @Test
    void signOutWithoutTheCsrfTokenEndsNothing() {
        Sessions.Started s = store.start(Sessions.Kind.STAFF, "anna", List.of(), "jaas", Map.of());
        assertEquals(403, resource.signOut(headers(s.cookieValue()), uri(), null, "c1").getStatus());
        assertEquals(403, resource.signOut(headers(s.cookieValue()), uri(), "fout", "c1").getStatus());
        assertTrue(store.find(Sessions.Kind.STAFF, s.cookieValue()).isPresent());
        assertEquals(401, resource.signOut(headers("A".repeat(43)), uri(), s.session().csrfToken(), "c1").getStatus());
    }
}
