package nl.mantelkring.platform.api.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Cluster-wide leases: a named lock that at most one holder, on any node sharing the database, has at a time,
 * and that expires by itself when its holder stops renewing it (a node that crashes or loses the database frees
 * it after the time to live). Expiry is measured on the database's clock, so the nodes' clocks need not agree.
 *
 * <p>Every acquisition of a name gets a higher {@linkplain Lease#token() fencing token}. Work whose results must
 * never come from a holder that lost its lease (paused longer than the time to live, cut off from the database)
 * stores the token with its results and refuses to write when a higher token has written since.
 *
 * <pre>{@code
 * Optional<Result> r = leases.runExclusively("appreciation.payment-run/" + tenant + "/" + year,
 *         Duration.ofMinutes(2), lease -> paymentRun(lease.token()));
 * if (r.isEmpty()) throw ProblemException.conflict("Er loopt al een betaalrun.");
 * }</pre>
 */
@ProviderType
public interface Leases {

    /** Shortest and longest time to live a lease may be taken for. */
    Duration MIN_TTL = Duration.ofSeconds(1);
    Duration MAX_TTL = Duration.ofHours(24);

    /**
     * Takes the lease if nobody holds it (or its holder let it expire). The caller must {@linkplain Lease#renew()
     * renew} it before the time to live passes and {@linkplain Lease#close() release} it when done.
     *
     * @param name up to 200 characters of {@code A-Z a-z 0-9 . _ - : /}, e.g. {@code appreciation.payment-run/GM0363/2026}
     * @param ttl  how long the lease lasts without renewal, between {@link #MIN_TTL} and {@link #MAX_TTL}
     * @return the lease, or empty when another holder has it
     * @throws IllegalArgumentException for an invalid name or time to live
     * @throws nl.mantelkring.platform.api.data.DataAccessException when the database cannot be reached
     */
    Optional<Lease> tryAcquire(String name, Duration ttl);

    /**
     * Runs the work on this thread while holding the lease, renewed in the background every third of the time to
     * live, and releases it afterwards (also when the work throws). The work can check {@link Lease#isHeld()}
     * between steps and should stop when it returns false.
     *
     * @return the work's result, or empty when another holder has the lease (the work did not run)
     */
    <T> Optional<T> runExclusively(String name, Duration ttl, Function<Lease, T> work);

    /** Who holds the lease now, or empty when it is free. */
    Optional<LeaseState> current(String name);

    /** This node's identity, the first part of every holder it creates ({@code <node>/<random>}). */
    String nodeId();
}
