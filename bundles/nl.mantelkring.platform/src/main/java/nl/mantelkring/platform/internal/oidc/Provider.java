package nl.mantelkring.platform.internal.oidc;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;

/**
 * One OpenID provider: its discovery document (resolved on first need and retried after a failure, at most every
 * {@link #RETRY_NANOS}, so that an unreachable provider never blocks activation) and its JWKS (Nimbus
 * {@link JWKSourceBuilder}: cached, refreshed when a token names a key id it does not know, rate-limited).
 */
final class Provider {

    /** Thrown when the provider cannot be reached or its discovery document is invalid. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Provider.class);
    static final long RETRY_NANOS = 5_000_000_000L;
    /** The asymmetric JWS algorithms: never none, never HMAC (a public key must not serve as a shared secret). */
    static final Set<JWSAlgorithm> ASYMMETRIC;

    static {
        Set<JWSAlgorithm> a = new LinkedHashSet<>();
        a.addAll(JWSAlgorithm.Family.RSA);
        a.addAll(JWSAlgorithm.Family.EC);
        a.addAll(JWSAlgorithm.Family.ED);
        ASYMMETRIC = Set.copyOf(a);
    }

    private record Resolved(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys, Set<JWSAlgorithm> algorithms) {
    }

    private final Issuer issuer;
    private final int timeoutMillis;
    private final LongSupplier nanoClock;
    private volatile Resolved resolved;
    private volatile long lastFailureNanos;
    private volatile boolean failedOnce;

    Provider(String issuer, int timeoutMillis) {
        this(issuer, timeoutMillis, System::nanoTime);
    }

    Provider(String issuer, int timeoutMillis, LongSupplier nanoClock) {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("issuer is not configured");
        }
        this.issuer = new Issuer(issuer.strip());
        this.timeoutMillis = timeoutMillis;
        this.nanoClock = nanoClock;
    }

    Issuer issuer() {
        return issuer;
    }

    /** Tries discovery in the background (activation does not wait for it). */
    void resolveInBackground() {
        Thread t = new Thread(() -> {
            try {
                metadata();
            } catch (Unavailable e) {
                // logged by metadata(); retried on the next sign-in or token
            }
        }, "oidc-discovery");
        t.setDaemon(true);
        t.start();
    }

    OIDCProviderMetadata metadata() throws Unavailable {
        return resolve().metadata;
    }

    JWKSource<SecurityContext> keys() throws Unavailable {
        return resolve().keys;
    }

    /** The asymmetric algorithms the provider announces for ID tokens (RS256 when it announces none). */
    Set<JWSAlgorithm> algorithms() throws Unavailable {
        return resolve().algorithms;
    }

    private Resolved resolve() throws Unavailable {
        Resolved r = resolved;
        if (r != null) {
            return r;
        }
        synchronized (this) {
            if (resolved != null) {
                return resolved;
            }
            if (failedOnce && nanoClock.getAsLong() - lastFailureNanos < RETRY_NANOS) {
                throw new Unavailable("discovery of " + issuer + " failed a moment ago");
            }
            try {
                OIDCProviderMetadata md = OIDCProviderMetadata.resolve(issuer, timeoutMillis, timeoutMillis);
                if (md.getJWKSetURI() == null) {
                    throw new GeneralException("no jwks_uri");
                }
                Set<JWSAlgorithm> algs = new LinkedHashSet<>();
                List<JWSAlgorithm> announced = md.getIDTokenJWSAlgs();
                if (announced != null) {
                    announced.stream().filter(ASYMMETRIC::contains).forEach(algs::add);
                }
                if (algs.isEmpty()) {
                    algs.add(JWSAlgorithm.RS256);
                }
                JWKSource<SecurityContext> keys = JWKSourceBuilder
                        .create(md.getJWKSetURI().toURL(),
                                new DefaultResourceRetriever(timeoutMillis, timeoutMillis, 512 * 1024))
                        .retrying(true)
                        .build();
                resolved = new Resolved(md, keys, Set.copyOf(algs));
                LOG.info("OpenID provider {} discovered", issuer);
                return resolved;
            } catch (GeneralException | IOException | IllegalArgumentException e) {
                failedOnce = true;
                lastFailureNanos = nanoClock.getAsLong();
                LOG.warn("OpenID provider {} not reachable or invalid ({}); retried on the next sign-in", issuer,
                        e.getClass().getSimpleName() + ": " + e.getMessage());
                throw new Unavailable("discovery of " + issuer + " failed");
            }
        }
    }
}
