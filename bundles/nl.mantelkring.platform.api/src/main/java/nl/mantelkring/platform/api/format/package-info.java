/**
 * Input and output rules shared by every module, written once: which characters a client's text may hold
 * ({@link nl.mantelkring.platform.api.format.Text}, {@link nl.mantelkring.platform.api.format.MultiLine}), Dutch
 * postcodes as PostNL issues them ({@link nl.mantelkring.platform.api.format.Postcode}) and CSV that a spreadsheet
 * cannot run as formulas ({@link nl.mantelkring.platform.api.format.Csv}).
 */
@Export
@Version("1.0.0")
package nl.mantelkring.platform.api.format;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
