package nl.mantelkring.employers.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.data.Jdbc;

/**
 * Retention of the only personal data of this module, the employers' contact persons: when neither the employer nor
 * any of its recognitions changed for {@code werkgevers.bewaartermijn} months (default 36), the contact persons are
 * erased. Each erasure is audited in the same transaction ({@code werkgever.contactpersonen-wissen}, actor
 * {@code systeem:bewaartermijn}). Runs on every node; the conditional update makes concurrent runs harmless.
 */
@Component(service = ContactRetentionJob.class, immediate = true)
@Designate(ocd = ContactRetentionJob.Config.class)
public class ContactRetentionJob {

    /** Node setting: how often the job runs. */
    @ObjectClassDefinition(name = "Mantelkring werkgevers: bewaartermijn contactpersonen")
    @interface Config {
        @AttributeDefinition(name = "Interval (minuten)", min = "1")
        long intervalMinutes() default 1440;
    }

    static final String ACTOR = "systeem:bewaartermijn";
    static final String ACTIVITY = "werkgever.contactpersonen-wissen";

    private static final Logger LOG = LoggerFactory.getLogger(ContactRetentionJob.class);

    private final Jdbc jdbc;
    private final EmployersPolicy policy;
    private final AuditLog audit;
    private final ScheduledExecutorService timer;

    @Activate
    public ContactRetentionJob(@Reference EmployerStore employers, @Reference EmployersPolicy policy,
                               @Reference AuditLog audit, Config config) {
        this(employers, policy, audit);
        long minutes = Math.max(1, config.intervalMinutes());
        timer.scheduleWithFixedDelay(this::runSafely, 1, minutes, TimeUnit.MINUTES);
    }

    /** Without a schedule (tests). */
    ContactRetentionJob(EmployerStore employers, EmployersPolicy policy, AuditLog audit) {
        this.jdbc = employers.jdbc();
        this.policy = policy;
        this.audit = audit;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mantelkring-employers-retention");
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void stop() {
        timer.shutdownNow();
    }

    private void runSafely() {
        try {
            int n = run(Instant.now());
            if (n > 0) {
                LOG.info("Retention: erased the contact persons of {} employer(s)", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("Retention run failed; retried at the next run", e);
        }
    }

    /** One run at the given moment; returns how many employers had their contact persons erased. */
    int run(Instant now) {
        List<String> tenants = jdbc.query("select distinct tenant from employers_employer where contact_name is not null"
                + " or care_contact_name is not null order by tenant", rs -> rs.getString(1));
        int erased = 0;
        for (String tenant : tenants) {
            int months;
            try {
                months = policy.contactRetentionMonths(tenant, now.atZone(ZoneOffset.UTC).getYear());
            } catch (ProblemException e) {
                LOG.warn("Retention skipped for {}: {}", tenant, e.getMessage());
                continue;
            }
            Instant cutoff = now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
            List<String> ids = jdbc.query("select e.id from employers_employer e where e.tenant = ?"
                    + " and (e.contact_name is not null or e.care_contact_name is not null) and e.updated_at < ?"
                    + " and not exists (select 1 from employers_recognition r where r.tenant = e.tenant"
                    + " and r.employer_id = e.id and r.updated_at >= ?) order by e.id", rs -> rs.getString(1),
                    tenant, cutoff, cutoff);
            for (String id : ids) {
                erased += erase(tenant, id, cutoff, now);
            }
        }
        return erased;
    }

    private int erase(String tenant, String id, Instant cutoff, Instant now) {
        return jdbc.inTransaction(c -> {
            int n = Jdbc.update(c, "update employers_employer set contact_name = null, contact_email = null,"
                    + " contact_phone = null, care_contact_name = null, care_contact_email = null,"
                    + " care_contact_phone = null, updated_at = ? where tenant = ? and id = ? and updated_at < ?",
                    now.truncatedTo(ChronoUnit.MILLIS), tenant, id, cutoff);
            if (n > 0) {
                audit.record(c, new AuditEntry(tenant, ACTOR, null, ACTIVITY, EmployerResource.RECORD, id, id,
                        EmployersModule.PURPOSE + "; bewaartermijn verstreken", true,
                        UUID.randomUUID().toString().replace("-", ""), "geslaagd"));
            }
            return n;
        });
    }
}
