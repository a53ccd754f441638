package nl.mantelkring.platform.internal.demo;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.internal.module.ModuleRegistry;
import nl.mantelkring.platform.internal.tenant.TenantStatus;
import nl.mantelkring.platform.internal.tenant.TenantStore;

/**
 * Demo data, only when {@code etc/nl.mantelkring.platform.demo.cfg} exists: the municipalities of the demo users
 * in {@code etc/mantelkring-users.properties}. Idempotent: what exists is left alone.
 */
@Component(immediate = true, configurationPid = "nl.mantelkring.platform.demo",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DemoData.Config.class)
public class DemoData {

    @ObjectClassDefinition(name = "Mantelkring demo data")
    public @interface Config {
        /** Demo tenants as comma-separated {@code code=name} pairs. */
        String tenants() default "GM0363=Amsterdam,GM0344=Utrecht";

        /** Karaf features to install at start (the modules), comma separated. */
        String features() default "";

        /** Module ids to enable for every demo tenant, unless a tenant's choice was ever recorded. */
        String modules() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    private static final String LETTERHEAD = "brieven.briefhoofd";

    @Activate
    public DemoData(@Reference TenantStore tenants, @Reference AuditLog audit, @Reference ModuleRegistry modules,
                    @Reference nl.mantelkring.platform.api.policy.PolicyStore policies, Config config) {
        for (String pair : config.tenants().split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && tenants.find(kv[0].trim()).isEmpty()) {
                try {
                    tenants.create(kv[0].trim(), kv[1].trim(), TenantStatus.ACTIVE);
                } catch (ProblemException e) {
                    // another node sharing the database created it at the same moment
                    LOG.info("Demo tenant {} was created by another node", kv[0].trim());
                    continue;
                }
                audit.record(new AuditEntry(kv[0].trim(), "systeem:demo", null, "gemeente.aanmaken", "gemeente",
                        kv[0].trim(), null, "Demonstratiegegevens", false, null, "geslaagd"));
                LOG.info("Demo tenant {} created", kv[0].trim());
            }
        }
        List<String> codes = Arrays.stream(config.tenants().split(",")).map(p -> p.split("=", 2)[0].trim())
                .filter(c -> !c.isEmpty()).toList();
        for (String pair : config.tenants().split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && policies.latest(kv[0].trim(), LETTERHEAD, null).isEmpty()) {
                // the letterhead of the demo's letters (a municipality sets its own: docs/documents.md)
                String name = kv[1].trim();
                policies.save(kv[0].trim(), LETTERHEAD, null, "{\"gemeentenaam\":\"Gemeente " + name + "\","
                        + "\"afdeling\":\"Team Mantelzorg\",\"postadres\":[\"Postbus 1000\",\"1000 AA  "
                        + name.toUpperCase(java.util.Locale.ROOT) + "\"],\"telefoon\":\"14 020\",\"website\":"
                        + "\"www.gemeente.example\",\"ondertekening\":{\"naam\":\"J. de Boer\",\"functie\":"
                        + "\"Teamleider Mantelzorg\"}}", "systeem:demo", "Demonstratiegegevens");
            }
        }
        for (String module : list(config.modules())) {
            for (String tenant : codes) {
                if (modules.enablement(tenant, module).isEmpty()) {
                    try {
                        modules.setEnabled(tenant, module, true, "systeem:demo", "Demonstratiegegevens");
                        LOG.info("Demo: module {} enabled for {}", module, tenant);
                    } catch (ProblemException e) {
                        LOG.info("Demo: module {} for {} was set by another node", module, tenant);
                    }
                }
            }
        }
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
