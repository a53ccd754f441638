/**
 * Appreciation payments (mantelzorgwaardering): what vendor plugins implement.
 * <ul>
 * <li>{@link nl.mantelkring.appreciation.EligibilityRule}: a municipality's own eligibility condition, named in the
 * tenant's yearly policy ({@code waardering.regels}, {@code extraRegels}).</li>
 * </ul>
 */
@Export
@Version("1.0.0")
package nl.mantelkring.appreciation;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
