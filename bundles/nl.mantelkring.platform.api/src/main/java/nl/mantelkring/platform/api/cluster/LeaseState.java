package nl.mantelkring.platform.api.cluster;

import java.time.Instant;

/**
 * A lease as stored: who holds it since when, until when, with which fencing token.
 *
 * @param name       the lease's name
 * @param holder     {@code <node id>/<random>}
 * @param token      the fencing token of the current acquisition
 * @param acquiredAt when it was taken (database clock)
 * @param expiresAt  when it expires unless renewed (database clock)
 */
public record LeaseState(String name, String holder, long token, Instant acquiredAt, Instant expiresAt) {
}
