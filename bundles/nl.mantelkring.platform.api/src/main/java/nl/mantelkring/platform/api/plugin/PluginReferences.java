package nl.mantelkring.platform.api.plugin;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A module tells which plugins a tenant's policy names, so that the platform can report the ones that are missing
 * ({@code GET /gemeenten/{gemeentecode}/plugin-verwijzingen}) before anyone meets the consequence — for example after
 * a vendor's feature was uninstalled. Register one service per module (with the module's
 * {@code mantelkring.module} property). Only plugins the policy names explicitly are references; a built-in default is
 * not. A policy value the module cannot read gives no references (its own checks report it).
 *
 * @since 1.1
 */
@ConsumerType
public interface PluginReferences {

    /** The plugins named by the tenant's policy in force for the year. */
    List<PluginReference> references(String tenant, int year);
}
