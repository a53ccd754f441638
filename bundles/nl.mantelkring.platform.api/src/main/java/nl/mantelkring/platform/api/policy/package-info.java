/**
 * Tenant policy: versioned data in the database, per tenant, per key and optionally per calendar year, so that
 * every node sharing the database applies the same rules.
 */
@Export
@Version("1.1.0")
package nl.mantelkring.platform.api.policy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
