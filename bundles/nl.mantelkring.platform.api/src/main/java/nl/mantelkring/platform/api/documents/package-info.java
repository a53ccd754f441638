/**
 * Documents: logic-less templates ({@link Templates}, Mustache) and letters on the municipality's letterhead as
 * PDF/A for archiving ({@link Letters}). The platform implements both; modules own their template policies and
 * check them with {@link Templates#check} in their {@code PolicyValidator}.
 */
@Export
@Version("1.0.0")
package nl.mantelkring.platform.api.documents;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
