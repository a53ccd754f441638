/**
 * Extension point: verify an address a consultant entered (the built-in plugin checks the format; vendors add
 * one backed by the BAG or a municipal address register).
 */
@Export
@Version("1.0.0")
package nl.mantelkring.platform.api.address;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
