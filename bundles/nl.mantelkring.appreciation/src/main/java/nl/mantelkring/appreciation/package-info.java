/**
 * Appreciation payments (mantelzorgwaardering): what vendor plugins implement.
 * <ul>
 * <li>{@link nl.mantelkring.appreciation.EligibilityRule}: a municipality's own eligibility condition, named in the
 * tenant's yearly policy ({@code waardering.regels}, {@code extraRegels}).</li>
 * <li>{@link nl.mantelkring.appreciation.PayoutChannel}: a vendor's payout channel (e.g. a local gift card), named
 * in the policy as {@code plugin:<id>} (1.1).</li>
 * </ul>
 */
@Export
@Version("1.1.0")
package nl.mantelkring.appreciation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
