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
        return jdbc.query("select distinct substring(p.policy_key, " + (ModuleRegistry.POLICY_PREFIX.length() + 1)
                + ") from policy_version p join tenant t on t.code = p.tenant and t.status = 'actief'"
                + " where p.policy_key like ? and p.policy_value like '%true%'"
                + " and p.version = (select max(version) from policy_version q where q.tenant = p.tenant"
                + " and q.policy_key = p.policy_key and q.policy_year = p.policy_year) order by 1",
                rs -> rs.getString(1), ModuleRegistry.POLICY_PREFIX + "%");
    }
}
