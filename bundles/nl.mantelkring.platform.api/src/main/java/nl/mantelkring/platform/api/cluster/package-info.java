/**
 * Coordination between the nodes of one installation (several Karaf nodes on one database): cluster-wide leases
 * for work that must not run twice at once, such as a payment run. Backed by the platform database, so they hold
 * across nodes without any other infrastructure.
 */
@Export
@Version("1.0.0")
package nl.mantelkring.platform.api.cluster;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
