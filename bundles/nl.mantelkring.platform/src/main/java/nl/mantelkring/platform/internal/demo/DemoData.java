package nl.mantelkring.platform.internal.demo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.internal.tenant.TenantStatus;
import nl.mantelkring.platform.internal.tenant.TenantStore;

/**
 * Demo data, only when {@code etc/nl.mantelkring.platform.demo.cfg} exists: the municipalities of the demo users
 * in {@code etc/users.properties}. Idempotent: what exists is left alone.
 */
@Component(immediate = true, configurationPid = "nl.mantelkring.platform.demo",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DemoData.Config.class)
public class DemoData {

    @ObjectClassDefinition(name = "Mantelkring demo data")
    public @interface Config {
        /** Demo tenants as comma-separated {@code code=name} pairs. */
        String tenants() default "GM0363=Amsterdam,GM0344=Utrecht";
    }

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    @Activate
    public DemoData(@Reference TenantStore tenants, @Reference AuditLog audit, Config config) {
        for (String pair : config.tenants().split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && tenants.find(kv[0].trim()).isEmpty()) {
                tenants.create(kv[0].trim(), kv[1].trim(), TenantStatus.ACTIVE);
                audit.record(new AuditEntry(kv[0].trim(), "systeem:demo", null, "gemeente.aanmaken", "gemeente",
                        kv[0].trim(), null, "Demonstratiegegevens", false, null, "geslaagd"));
                LOG.info("Demo tenant {} created", kv[0].trim());
            }
        }
    }
}
