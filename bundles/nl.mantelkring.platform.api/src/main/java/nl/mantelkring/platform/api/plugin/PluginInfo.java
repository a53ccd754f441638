package nl.mantelkring.platform.api.plugin;

import java.util.List;

/**
 * A plugin as an administrator sees it.
 *
 * @param extensionPoint the SPI's interface name
 * @param id             the plugin id to name in policy
 * @param name           display name
 * @param bundle         symbolic name and version of the bundle that provides it
 * @param tenants        the tenants it is scoped to; empty when it serves every tenant
 * @param ranking        service ranking (the highest wins when two plugins share an id)
 */
public record PluginInfo(String extensionPoint, String id, String name, String bundle, List<String> tenants,
                         int ranking) {
}
