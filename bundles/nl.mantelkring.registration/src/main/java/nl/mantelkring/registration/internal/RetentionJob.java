package nl.mantelkring.registration.internal;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once a day (at {@code retentionTime}, local time) applies every tenant's retention policy. Each erasure is
 * audited by {@link Erasures}. Several nodes may run it: erasing what is already gone finds nothing to do.
 */
@Component(configurationPid = "nl.mantelkring.registration", configurationPolicy = ConfigurationPolicy.REQUIRE)
public class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);

    private final RegistrationStore store;
    private final Erasures erasures;
    private final ScheduledExecutorService timer;

    @Activate
    public RetentionJob(@Reference RegistrationStore store, @Reference Erasures erasures, RegistrationConfig config) {
        this.store = store;
        this.erasures = erasures;
        LocalTime at;
        try {
            at = LocalTime.parse(config.retentionTime());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("retentionTime must be HH:mm", e);
        }
        if (!config.retentionEnabled()) {
            timer = null;
            LOG.info("Retention job disabled on this node (retentionEnabled=false)");
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mantelkring-retention");
            t.setDaemon(true);
            return t;
        });
        ZonedDateTime now = ZonedDateTime.now(Clocks.ZONE);
        ZonedDateTime next = now.with(at);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        timer.scheduleAtFixedRate(this::runAll, Duration.between(now, next).toSeconds(),
                TimeUnit.DAYS.toSeconds(1), TimeUnit.SECONDS);
        LOG.info("Retention job scheduled daily at {} (next {})", at, next);
    }

    @Deactivate
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Runs every tenant; a failure in one tenant (e.g. an unusable policy) does not stop the others. */
    void runAll() {
        String correlationId = "bewaartermijn-" + UUID.randomUUID().toString().substring(0, 8);
        for (String tenant : store.tenants()) {
            try {
                erasures.applyRetention(tenant, Erasures.RETENTION_ACTOR, null, correlationId);
            } catch (RuntimeException e) {
                LOG.error("Retention for {} failed (correlationId={}); retried tomorrow", tenant, correlationId, e);
            }
        }
    }
}
