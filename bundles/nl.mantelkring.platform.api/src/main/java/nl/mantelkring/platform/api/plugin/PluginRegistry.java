package nl.mantelkring.platform.api.plugin;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Finds plugins. Lookups see plugins that registered a moment ago and no longer see those that left.
 */
@ProviderType
public interface PluginRegistry {

    /** The plugin with this id for this SPI that is available to the tenant, if any. */
    <T> Optional<T> find(Class<T> spi, String tenant, String pluginId);

    /**
     * The plugin that the tenant's policy selects for this SPI: the policy value under {@code policyKey} for the
     * year is a JSON object whose {@code plugin} field names the plugin id; without a policy value,
     * {@code defaultPluginId} applies.
     *
     * @throws PluginUnavailableException when the selected plugin is not available to the tenant
     */
    <T> T select(Class<T> spi, String tenant, String policyKey, int year, String defaultPluginId);

    /** The plugins of this SPI available to the tenant, ordered by id. */
    List<PluginInfo> available(Class<?> spi, String tenant);

    /** The plugins of every SPI available to the tenant, ordered by extension point and id. */
    List<PluginInfo> available(String tenant);
}
