package nl.mantelkring.platform.api.plugin;

/** Service properties of a plugin. */
public final class Plugins {

    /** Required: the plugin's id, unique per SPI, e.g. {@code formaat}. A tenant's policy names this id. */
    public static final String ID = "mantelkring.plugin.id";

    /** Optional: a Dutch display name for administrators. */
    public static final String NAME = "mantelkring.plugin.name";

    /**
     * Optional: the gemeentecode(s) the plugin serves. Without it the plugin is available to every tenant; with
     * it, only to those tenants (other tenants cannot see or select it).
     */
    public static final String TENANT = "mantelkring.tenant";

    private Plugins() {
    }
}
