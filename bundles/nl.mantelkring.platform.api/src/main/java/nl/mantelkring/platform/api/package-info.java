/**
 * The platform API that every Mantelkring module and vendor plugin compiles against: module descriptors,
 * roles and access annotations, problem (error) exceptions and paging.
 */
@Export
@Version("1.2.0")
package nl.mantelkring.platform.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
