package nl.mantelkring.platform.api.plugin;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;

/**
 * The tenant's policy names a plugin that is not installed or not available to the tenant. Callers must fail
 * safe: the work waits (503 to API clients) rather than being done without the plugin.
 */
public class PluginUnavailableException extends ProblemException {

    private static final long serialVersionUID = 1L;

    public PluginUnavailableException(String extensionPoint, String pluginId) {
        super(503, Problems.of("plugin-niet-beschikbaar"), "Plugin niet beschikbaar",
                "Het beleid van de gemeente kiest plugin '" + pluginId + "' voor " + extensionPoint
                        + ", maar die is niet geinstalleerd of niet beschikbaar voor deze gemeente.");
    }
}
