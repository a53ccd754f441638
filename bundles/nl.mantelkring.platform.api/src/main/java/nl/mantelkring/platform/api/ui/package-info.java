/**
 * The back-office UI extension contract. A module (or a vendor plugin) contributes pages to the back-office shell
 * at {@code /backoffice} by registering a {@link BackofficePart} service; the part's ES module (a custom element)
 * is served from the contributing bundle itself. The public front door for citizens, the loket at
 * {@code /loket/{gemeentecode}}, takes parts the same way: {@link LoketPart} (1.1). See {@code docs/ui-extensions.md}.
 */
@Export
@Version("1.1.0")
package nl.mantelkring.platform.api.ui;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
