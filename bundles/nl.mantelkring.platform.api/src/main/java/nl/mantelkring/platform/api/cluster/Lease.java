package nl.mantelkring.platform.api.cluster;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/** A lease this node holds (from {@link Leases}). Closing it releases it; closing twice does nothing. */
@ProviderType
public interface Lease extends AutoCloseable {

    String name();

    /** The holder, unique per acquisition: {@code <node id>/<random>}. */
    String holder();

    /** The fencing token: higher for every later acquisition of the same name, on any node. */
    long token();

    /** When the lease expires unless renewed (the database's clock). */
    Instant expiresAt();

    /**
     * Extends the lease by its time to live from now.
     *
     * @return false when the lease was lost (it expired and may have been taken by another holder) or released
     * @throws nl.mantelkring.platform.api.data.DataAccessException when the database cannot be reached
     */
    boolean renew();

    /**
     * Whether this holder may still act on the lease: not released, not found lost, and the time to live since
     * the last successful renewal not yet over by this node's own clock (a conservative local check, no query).
     */
    boolean isHeld();

    /** Releases the lease at once, so another holder can take it; never throws. */
    @Override
    void close();
}
