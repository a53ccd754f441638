package nl.mantelkring.appreciation.internal.messages;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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

import nl.mantelkring.appreciation.internal.Applications;
import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.cluster.Leases;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.registration.CaregiverDirectory;

/**
 * Invitations to apply when the application window opens: to last year's applicants who consented to be informed
 * ({@code nieuwsbrief} or {@code contact-steunpunt}) and who did not apply for the year yet, at most once per caregiver
 * and year (the primary key of {@code appreciation_invitation}, and the message's reference in the outbox). A daily job
 * (one node at a time, under a cluster lease) invites for every tenant whose window is open today; the administrator
 * can do the same at once ({@code POST /waarderingsuitnodigingen/{jaar}}).
 */
@Component(service = Invitations.class, configurationPid = Invitations.PID)
@Designate(ocd = Invitations.Config.class)
public class Invitations {

    static final String PID = "nl.mantelkring.appreciation.invitations";
    static final Set<String> CONSENTS = Set.of("nieuwsbrief", "contact-steunpunt");
    static final int BATCH = 1000;
    static final String LEASE = "appreciation.invitations";

    /** Node settings ({@code etc/nl.mantelkring.appreciation.invitations.cfg}). */
    @ObjectClassDefinition(name = "Mantelkring appreciation: invitations when the application window opens")
    public @interface Config {
        @AttributeDefinition(description = "Local time (HH:mm, Europe/Amsterdam) of the daily run.")
        String invitationTime() default "07:00";

        @AttributeDefinition(description = "Whether this node takes part in the daily run (one node runs it at a"
                + " time, under a cluster lease).")
        boolean enabled() default true;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Invitations.class);
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private final Applications applications;
    private final AppreciationMessages messages;
    private final CaregiverDirectory directory;
    private final Leases leases;
    private final ScheduledExecutorService timer;

    @Activate
    public Invitations(@Reference Applications applications, @Reference AppreciationMessages messages,
                       @Reference CaregiverDirectory directory, @Reference Leases leases, Config config) {
        this.applications = applications;
        this.messages = messages;
        this.directory = directory;
        this.leases = leases;
        if (config == null || !config.enabled()) {
            timer = null;
            return;
        }
        LocalTime at;
        try {
            at = LocalTime.parse(config.invitationTime());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invitationTime must be HH:mm", e);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mantelkring-uitnodigingen");
            t.setDaemon(true);
            return t;
        });
        ZonedDateTime now = ZonedDateTime.now(ZONE);
        ZonedDateTime next = now.with(at);
        if (!next.isAfter(now)) {
            next = next.plusDays(1);
        }
        timer.scheduleAtFixedRate(this::daily, Duration.between(now, next).toSeconds(), TimeUnit.DAYS.toSeconds(1),
                TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** The daily run: every tenant whose window for this or next year is open today. */
    void daily() {
        try {
            leases.runExclusively(LEASE, Duration.ofMinutes(10), lease -> {
                LocalDate today = applications.today();
                for (String tenant : applications.jdbc().query("select distinct tenant from appreciation_application"
                        + " order by tenant", rs -> rs.getString(1))) {
                    for (int year : List.of(today.getYear(), today.getYear() + 1)) {
                        if (!lease.isHeld()) {
                            return null;
                        }
                        try {
                            AppreciationPolicy p = applications.policy(tenant, year);
                            if (p.window().contains(today)) {
                                int n = invite(tenant, year);
                                if (n > 0) {
                                    LOG.info("Invited {} caregiver(s) of {} to apply for {}", n, tenant, year);
                                }
                            }
                        } catch (ProblemException e) {
                            // no (usable) rules for the year: nothing to invite for
                        } catch (RuntimeException e) {
                            LOG.warn("Could not invite the caregivers of {} for {}; tried again tomorrow: {}", tenant,
                                    year, e.toString());
                        }
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Invitation run failed; tried again tomorrow: {}", e.toString());
        }
    }

    /**
     * Invites last year's consenting applicants to apply for {@code year}, each at most once; 409 when the year has
     * no rules (no window to invite for).
     *
     * @return how many were invited now (0 when everyone was invited before)
     */
    public int invite(String tenant, int year) {
        AppreciationPolicy policy = applications.policy(tenant, year);
        Jdbc jdbc = applications.jdbc();
        List<String> candidates = candidates(jdbc, tenant, year);
        int invited = 0;
        for (int i = 0; i < candidates.size(); i += BATCH) {
            List<String> batch = candidates.subList(i, Math.min(candidates.size(), i + BATCH));
            Set<String> consenting = new TreeSet<>();
            for (String purpose : new TreeSet<>(CONSENTS)) {
                consenting.addAll(directory.withConsent(tenant, batch, purpose));
            }
            if (consenting.isEmpty()) {
                continue;
            }
            try {
                invited += jdbc.inTransaction(c -> {
                    int n = 0;
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                    for (String caregiverId : consenting) {
                        var messageId = messages.invitation(c, tenant, year, caregiverId, policy.window().from(),
                                policy.window().until());
                        if (messageId.isPresent()) {
                            Jdbc.update(c, "insert into appreciation_invitation (tenant, budget_year, caregiver_id,"
                                    + " message_id, created_at) values (?,?,?,?,?)", tenant, year, caregiverId,
                                    messageId.get(), now);
                            n++;
                        }
                    }
                    return n;
                });
            } catch (DataAccessException e) {
                if (Jdbc.isUniqueViolation(e)) {
                    throw ProblemException.conflict("Er worden op dit moment al uitnodigingen voor " + year
                            + " gemaakt; probeer het zo opnieuw.");
                }
                throw e;
            }
        }
        return invited;
    }

    /**
     * Applicants of the year before (any outcome) who did not apply for {@code year} yet and were not invited for it,
     * by id. Consent is checked afterwards, in batches.
     */
    static List<String> candidates(Jdbc jdbc, String tenant, int year) {
        return new ArrayList<>(jdbc.query("select distinct a.caregiver_id from appreciation_application a where"
                + " a.tenant = ? and a.budget_year = ? and not exists (select 1 from appreciation_application b where"
                + " b.tenant = a.tenant and b.budget_year = ? and b.caregiver_id = a.caregiver_id) and not exists"
                + " (select 1 from appreciation_invitation i where i.tenant = a.tenant and i.budget_year = ? and"
                + " i.caregiver_id = a.caregiver_id) order by a.caregiver_id", rs -> rs.getString(1), tenant,
                year - 1, year, year));
    }
}
