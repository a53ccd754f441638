/**
 * The one mechanism every extension point uses. A plugin is a DS component registering a service of an SPI
 * interface with the property {@link nl.mantelkring.platform.api.plugin.Plugins#ID}, optionally scoped to one
 * tenant with {@link nl.mantelkring.platform.api.plugin.Plugins#TENANT}. Plugins come and go at runtime; the
 * tenant's policy names the plugin id that applies, and {@link nl.mantelkring.platform.api.plugin.PluginRegistry}
 * finds it.
 */
@Export
@Version("1.1.0")
package nl.mantelkring.platform.api.plugin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
