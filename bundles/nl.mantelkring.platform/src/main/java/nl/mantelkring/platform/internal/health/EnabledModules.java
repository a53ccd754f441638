package nl.mantelkring.platform.internal.health;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.internal.module.ModuleRegistry;

/** Which modules an active tenant has enabled (their latest enablement policy says so). */
@Component(service = EnabledModules.class)
public class EnabledModules {

    private final Jdbc jdbc;

    @Activate
    public EnabledModules(@Reference Database database) {
        this.jdbc = new Jdbc(database.dataSource());
    }

    public List<String> enabledSomewhere() {
        // the latest enablement of every module in every active tenant; the value is read as the registry reads it
        return jdbc.query("select p.policy_key, p.policy_value from policy_version p"
                + " join tenant t on t.code = p.tenant and t.status = 'actief' where p.policy_key like ?"
                + " and p.version = (select max(version) from policy_version q where q.tenant = p.tenant"
                + " and q.policy_key = p.policy_key and q.policy_year = p.policy_year)",
                rs -> ModuleRegistry.enabledIn(rs.getString(2))
                        ? rs.getString(1).substring(ModuleRegistry.POLICY_PREFIX.length()) : null,
                ModuleRegistry.POLICY_PREFIX + "%")
                .stream().filter(java.util.Objects::nonNull).distinct().sorted().toList();
    }
}
