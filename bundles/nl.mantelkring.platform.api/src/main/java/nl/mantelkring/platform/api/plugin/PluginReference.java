package nl.mantelkring.platform.api.plugin;

import java.util.Objects;

/**
 * One plugin a tenant's policy names: the policy key, the extension point (the SPI interface's name, as in
 * {@link PluginInfo#extensionPoint()}), the plugin id, and what happens while it is missing, in Dutch for the
 * municipal administrator ("Aanvragen wachten op een consulent.").
 *
 * @since 1.1
 */
public record PluginReference(String policyKey, String extensionPoint, String pluginId, String whenMissing) {

    public PluginReference {
        Objects.requireNonNull(policyKey, "policyKey");
        Objects.requireNonNull(extensionPoint, "extensionPoint");
        Objects.requireNonNull(pluginId, "pluginId");
        Objects.requireNonNull(whenMissing, "whenMissing");
    }

    /** A reference to a plugin of the given SPI. */
    public static PluginReference of(String policyKey, Class<?> spi, String pluginId, String whenMissing) {
        return new PluginReference(policyKey, spi.getName(), pluginId, whenMissing);
    }
}
