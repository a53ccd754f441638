package nl.mantelkring.platform.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates users against a JAAS realm (the API users' realm {@code mantelkring} by default,
 * {@link MantelkringRealm}; LDAP or Active Directory by pointing {@code realm} at an LDAP realm). Successful logins
 * are cached for a short time, keyed by user name and a hash of the password, so that a busy client does not
 * re-run the login module on every request.
 */
@Component(service = Authenticator.class, configurationPid = "nl.mantelkring.platform.security")
@Designate(ocd = Authenticator.Config.class)
public class Authenticator {

    @ObjectClassDefinition(name = "Mantelkring security")
    public @interface Config {
        @AttributeDefinition(description = "JAAS realm that authenticates API users")
        String realm() default MantelkringRealm.NAME;

        @AttributeDefinition(description = "Seconds a successful login is remembered (0 = never)")
        int cacheSeconds() default 60;

        @AttributeDefinition(description = "Failed logins of one user name within failureWindowSeconds after which"
                + " further attempts are refused for blockSeconds (0 = no limit)")
        int maxFailures() default 10;

        @AttributeDefinition(description = "Window in which failed logins are counted, in seconds")
        int failureWindowSeconds() default 300;

        @AttributeDefinition(description = "How long a user name is refused after too many failures, in seconds")
        int blockSeconds() default 60;
    }

    /** The outcome of an authentication attempt. */
    public sealed interface Result permits Authenticated, Refused, Blocked {
    }

    /** The credentials are valid. */
    public record Authenticated(Caller caller) implements Result {
    }

    /** The realm refused the credentials (or none were given). */
    public record Refused() implements Result {
    }

    /** Too many failed attempts for this user name: try again after the given seconds. */
    public record Blocked(long retryAfterSeconds) implements Result {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);

    private record Cached(Caller caller, long expiresAtNanos) {
    }

    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();
    private final int failureCapacity;
    private final LongSupplier nanoClock;
    private volatile Config config;
    private volatile FailedLogins failures;

    @Activate
    public Authenticator(Config config) {
        this(config, FailedLogins.DEFAULT_CAPACITY, System::nanoTime);
    }

    Authenticator(Config config, int failureCapacity, LongSupplier nanoClock) {
        this.failureCapacity = failureCapacity;
        this.nanoClock = nanoClock;
        modified(config);
    }

    @Modified
    void modified(Config config) {
        this.config = config;
        cache.clear();
        failures = new FailedLogins(config.maxFailures(), config.failureWindowSeconds(), config.blockSeconds(),
                failureCapacity, nanoClock);
    }

    /**
     * Authenticates, refusing a user name for a while after repeated failures (so that guessing passwords over the
     * API is slow; the realm's hashing makes each guess costly too).
     */
    public Result login(String user, String password) {
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            return new Refused();
        }
        FailedLogins failed = failures;
        long blocked = failed.blockedSeconds(user);
        if (blocked > 0) {
            return new Blocked(blocked);
        }
        Optional<Caller> caller = authenticate(user, password);
        if (caller.isPresent()) {
            failed.succeeded(user);
            return new Authenticated(caller.get());
        }
        failed.failed(user);
        return new Refused();
    }

    /** The caller for these credentials, or empty when the realm rejects them. */
    public Optional<Caller> authenticate(String user, String password) {
        if (user == null || user.isBlank() || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        Config cfg = config;
        String key = cacheKey(user, password);
        long now = nanoClock.getAsLong();
        Cached hit = cache.get(key);
        if (hit != null && hit.expiresAtNanos - now > 0) {
            return Optional.of(hit.caller);
        }
        Optional<Caller> caller = login(cfg.realm(), user, password);
        if (caller.isPresent() && cfg.cacheSeconds() > 0) {
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(key, new Cached(caller.get(), now + cfg.cacheSeconds() * 1_000_000_000L));
        }
        return caller;
    }

    private Optional<Caller> login(String realm, String user, String password) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // LoginContext loads Karaf's proxy login module through the context class loader
        thread.setContextClassLoader(ProxyLoginModule.class.getClassLoader());
        try {
            LoginContext lc = new LoginContext(realm, subject, callbacks -> {
                for (Callback cb : callbacks) {
                    if (cb instanceof NameCallback nc) {
                        nc.setName(user);
                    } else if (cb instanceof PasswordCallback pc) {
                        pc.setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(cb);
                    }
                }
            });
            lc.login();
        } catch (LoginException e) {
            LOG.debug("Login refused by realm {}", realm);
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(previous);
        }
        List<String> roles = new ArrayList<>();
        for (Principal p : subject.getPrincipals()) {
            if (p.getClass().getSimpleName().equals("RolePrincipal")) {
                roles.add(p.getName());
            }
        }
        return Optional.of(Caller.fromRealmRoles(user, roles));
    }

    private static String cacheKey(String user, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(user.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
