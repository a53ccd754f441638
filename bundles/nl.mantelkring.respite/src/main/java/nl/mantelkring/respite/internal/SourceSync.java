package nl.mantelkring.respite.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.api.plugin.PluginCallException;
import nl.mantelkring.platform.api.plugin.PluginCalls;
import nl.mantelkring.platform.api.plugin.PluginRegistry;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.respite.OfferingSource;

/**
 * Synchronises tenants' catalogues with the {@link OfferingSource} their policy names ({@code respijtzorg.bron}).
 * An administrator's first run (POST {@code .../respijtaanbod/synchronisaties}) puts the tenant on the schedule;
 * from then on this job runs every {@code intervalMinutes} for each such tenant whose policy still names a source.
 * Each run is an import (validated per record, idempotent by {@code externId}) and leaves an audit entry.
 */
@Component(service = SourceSync.class, configurationPid = "nl.mantelkring.respite.sync")
@Designate(ocd = SourceSync.Config.class)
public class SourceSync {

    @ObjectClassDefinition(name = "Mantelkring respijtzorg: synchronisatie met aanbodbronnen")
    @interface Config {
        @AttributeDefinition(description = "Minutes between scheduled runs; 0 switches the schedule off.")
        int intervalMinutes() default 60;

        @AttributeDefinition(description = "Seconds a source may take to answer; then the run fails and nothing"
                + " changes (the SPI asks sources to give up after a minute).")
        int fetchTimeoutSeconds() default 120;
    }

    /** The state of a tenant's synchronisation. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(@JsonProperty("plugin") String plugin, @JsonProperty("laatsteRun") Instant lastRun,
                         @JsonProperty("uitkomst") String outcome, @JsonProperty("aangemaakt") int created,
                         @JsonProperty("bijgewerkt") int updated, @JsonProperty("ongewijzigd") int unchanged,
                         @JsonProperty("afgewezen") int rejected, @JsonProperty("melding") String message,
                         @JsonProperty("afgewezenRijen") List<OfferingImporter.RowReport> rejectedRows) {
    }

    static final String ACTOR = "systeem:respijtbron";
    private static final Logger LOG = LoggerFactory.getLogger(SourceSync.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginRegistry plugins;
    private final PolicyStore policy;
    private final OfferingImporter importer;
    private final Jdbc jdbc;
    private final AuditLog audit;
    private final ScheduledExecutorService scheduler;
    private final PluginCalls calls = new PluginCalls("respijtzorg-bron", 2, 8);
    private final Duration fetchLimit;

    @Activate
    public SourceSync(@Reference PluginRegistry plugins, @Reference PolicyStore policy,
                      @Reference OfferingImporter importer, @Reference OfferingStore store,
                      @Reference AuditLog audit, Config config) {
        this.plugins = plugins;
        this.policy = policy;
        this.importer = importer;
        this.jdbc = store.jdbc();
        this.audit = audit;
        this.fetchLimit = Duration.ofSeconds(Math.max(1, config.fetchTimeoutSeconds()));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "respijtzorg-bronnen");
            t.setDaemon(true);
            return t;
        });
        if (config.intervalMinutes() > 0) {
            scheduler.scheduleWithFixedDelay(this::runScheduled, config.intervalMinutes(), config.intervalMinutes(),
                    TimeUnit.MINUTES);
        }
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
        calls.close();
    }

    /** The tenant's last run, if any. */
    Optional<Status> status(String tenant) {
        return jdbc.queryOne("select * from respite_sync where tenant = ?", rs -> new Status(
                rs.getString("plugin_id"), Jdbc.instant(rs, "last_run_at"), rs.getString("last_outcome"),
                rs.getInt("created"), rs.getInt("updated"), rs.getInt("unchanged"), rs.getInt("rejected"),
                rs.getString("message"), null), tenant);
    }

    /**
     * Runs the tenant's source now. 409 when the policy names no source, 503 when the named plugin is missing.
     * The caller audits (a resource method) unless {@code auditHere}.
     */
    Status run(String tenant, String actor, boolean auditHere) {
        int year = Year.now().getValue();
        String pluginId = policy.current(tenant, OfferingSource.POLICY_KEY, year)
                .map(p -> pluginId(p.value())).orElseThrow(() -> ProblemException.conflict("Er is geen aanbodbron"
                        + " ingesteld: zet het beleid '" + OfferingSource.POLICY_KEY + "' op {\"plugin\": \"<id>\"}."));
        OfferingSource source = plugins.select(OfferingSource.class, tenant, OfferingSource.POLICY_KEY, year, null);
        Status status;
        try {
            List<Map<String, String>> records = fetch(source, pluginId, tenant);
            OfferingImporter.Report r = importer.importRecords(tenant, records == null ? List.of() : records,
                    ACTOR + ":" + pluginId);
            status = new Status(pluginId, now(), "geslaagd", r.created(), r.updated(), r.unchanged(), r.rejected(),
                    null, r.rowReports().stream().filter(x -> "afgewezen".equals(x.outcome())).toList());
        } catch (ProblemException e) {
            throw e;
        } catch (PluginCallException e) {
            LOG.warn("offering source {} failed for tenant {}: {}", pluginId, tenant, e.getMessage(), e.getCause());
            status = new Status(pluginId, now(), "mislukt", 0, 0, 0, 0,
                    e.getMessage() + " Er is niets gewijzigd.", List.of());
        } catch (Exception e) {
            LOG.warn("offering source {} failed for tenant {}", pluginId, tenant, e);
            status = new Status(pluginId, now(), "mislukt", 0, 0, 0, 0,
                    "De aanbodbron gaf een fout; er is niets gewijzigd.", List.of());
        }
        save(tenant, status);
        if (auditHere) {
            audit.record(new AuditEntry(tenant, actor, "", "respijtaanbod.synchroniseren",
                    OfferingResource.RECORD, null, null, OfferingResource.PURPOSE, true,
                    UUID.randomUUID().toString(), status.outcome()));
        }
        return status;
    }

    /** The source's records, within the time limit; a hanging or failing source is a failed run. */
    private List<Map<String, String>> fetch(OfferingSource source, String pluginId, String tenant) throws Exception {
        try {
            return calls.call(pluginId, fetchLimit, () -> source.fetch(tenant));
        } catch (PluginCallException e) {
            if (e.getCause() instanceof ProblemException p) {
                throw p;
            }
            throw e;
        }
    }

    /** One scheduled round over the tenants on the schedule (package-private for tests). */
    void runScheduled() {
        for (String tenant : jdbc.query("select tenant from respite_sync order by tenant", rs -> rs.getString(1))) {
            try {
                run(tenant, ACTOR, true);
            } catch (RuntimeException e) {
                LOG.warn("scheduled offering sync for tenant {} skipped: {}", tenant, e.getMessage());
            }
        }
    }

    private void save(String tenant, Status s) {
        jdbc.inTransactionRetryingDuplicates(c -> {
            int n = Jdbc.update(c, "update respite_sync set plugin_id = ?, last_run_at = ?, last_outcome = ?,"
                    + " created = ?, updated = ?, unchanged = ?, rejected = ?, message = ? where tenant = ?",
                    s.plugin(), s.lastRun(), s.outcome(), s.created(), s.updated(), s.unchanged(), s.rejected(),
                    s.message(), tenant);
            if (n == 0) {
                Jdbc.update(c, "insert into respite_sync (tenant, plugin_id, last_run_at, last_outcome, created,"
                        + " updated, unchanged, rejected, message) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", tenant,
                        s.plugin(), s.lastRun(), s.outcome(), s.created(), s.updated(), s.unchanged(), s.rejected(),
                        s.message());
            }
            return null;
        });
    }

    static String pluginId(String policyValue) {
        try {
            String id = JSON.readTree(policyValue).path("plugin").asText(null);
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException();
            }
            return id;
        } catch (Exception e) {
            throw ProblemException.unusablePolicy(OfferingSource.POLICY_KEY, "verwacht {\"plugin\": \"<id>\"}");
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
