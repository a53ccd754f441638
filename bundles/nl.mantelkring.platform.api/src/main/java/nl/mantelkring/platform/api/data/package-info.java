/**
 * Persistence: the platform's datasource and per-bundle schema migrations. Every table that holds tenant data has
 * the tenant key ({@code tenant}, the gemeentecode) and every query is scoped by it.
 */
@Export
@Version("1.1.0")
package nl.mantelkring.platform.api.data;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
