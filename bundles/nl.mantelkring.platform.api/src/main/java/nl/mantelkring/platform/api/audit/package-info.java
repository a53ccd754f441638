/**
 * The audit log (logboek dataverwerkingen): every read and write of personal data and every administrative
 * change leaves an entry. Resource methods declare it with {@link nl.mantelkring.platform.api.audit.Audited};
 * background work records entries through {@link nl.mantelkring.platform.api.audit.AuditLog}.
 */
@Export
@Version("1.1.0")
package nl.mantelkring.platform.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
