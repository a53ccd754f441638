package nl.mantelkring.platform.internal.oidc;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import nl.mantelkring.platform.internal.session.Sessions;

/** A test double of {@link Sessions}: sessions in a map, no timeouts. */
final class InMemorySessions implements Sessions {

    final Map<String, Session> live = new ConcurrentHashMap<>();
    private int count;

    @Override
    public synchronized Started start(Kind kind, String subject, Collection<String> roles, String provider,
                                      Map<String, String> attributes) {
        String cookie = kind + "-cookie-" + (++count);
        Session s = new Session(kind, subject, List.copyOf(roles), provider, Map.copyOf(attributes), Instant.now(),
                Instant.now().plusSeconds(900), "csrf-" + count);
        live.put(cookie, s);
        return new Started(cookie, s);
    }

    @Override
    public Optional<Session> find(Kind kind, String cookieValue) {
        return Optional.ofNullable(live.get(cookieValue)).filter(s -> s.kind() == kind);
    }

    @Override
    public void end(Kind kind, String cookieValue) {
        find(kind, cookieValue).ifPresent(s -> live.remove(cookieValue));
    }

    @Override
    public String cookieName(Kind kind) {
        return kind == Kind.STAFF ? "mk_sessie" : "mk_burger";
    }

    @Override
    public String setCookie(Kind kind, String cookieValue, boolean secureRequest) {
        return cookieName(kind) + "=" + (cookieValue == null ? "" : cookieValue) + "; Path="
                + (kind == Kind.STAFF ? "/api/v1" : "/api/v1/burgers") + "; HttpOnly; SameSite=Lax";
    }
}
