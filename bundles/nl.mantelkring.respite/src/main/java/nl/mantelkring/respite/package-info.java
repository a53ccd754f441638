/**
 * Respite catalogue (respijtzorg): the extension point {@link nl.mantelkring.respite.OfferingSource}, through
 * which a vendor feeds offerings from a regional social map into a municipality's catalogue on a schedule.
 */
@Export
@Version("1.0.0")
package nl.mantelkring.respite;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
