package nl.mantelkring.appreciation.internal.messages;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
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
import nl.mantelkring.appreciation.internal.letters.AppreciationLetters;
import nl.mantelkring.appreciation.internal.letters.StoredLetter;
import nl.mantelkring.appreciation.internal.payment.PaymentRuns;
import nl.mantelkring.platform.api.cluster.Leases;
import nl.mantelkring.platform.api.data.Jdbc;

/**
 * Messages that follow a payout: "paid" for every grant of a confirmed payment run, and "voucher issued" (with the
 * voucher letter) for every issued voucher. Both are derived from what is committed, never lost and never twice:
 * a run's progress ({@code appreciation_run_notice}: the last grant done, and when all are done) and each voucher's
 * notice ({@code appreciation_voucher_notice}) are written in the same transaction as the messages, whose outbox
 * references ({@code waardering.uitbetaald/<grant>}, {@code waardering.waardebon/<grant>}) make a repeat store
 * nothing. A job on one node at a time (cluster lease) picks up what is due; confirming a run stays one update, however
 * many grants it has, and the messages follow in chunks of {@link #CHUNK} grants per transaction.
 */
@Component(service = PayoutMessages.class, configurationPid = PayoutMessages.PID)
@Designate(ocd = PayoutMessages.Config.class)
public class PayoutMessages {

    static final String PID = "nl.mantelkring.appreciation.payoutmessages";
    static final String LEASE = "appreciation.payout-messages";
    static final int CHUNK = 500;

    /** Node settings ({@code etc/nl.mantelkring.appreciation.payoutmessages.cfg}). */
    @ObjectClassDefinition(name = "Mantelkring appreciation: messages after payouts")
    public @interface Config {
        @AttributeDefinition(description = "Seconds between looks for confirmed payment runs and issued vouchers"
                + " whose messages are due.")
        int intervalSeconds() default 10;
    }

    private static final Logger LOG = LoggerFactory.getLogger(PayoutMessages.class);

    private final Applications applications;
    private final PaymentRuns runs;
    private final AppreciationLetters letters;
    private final AppreciationMessages messages;
    private final Leases leases;
    private final Jdbc jdbc;
    private final ScheduledExecutorService timer;

    @Activate
    public PayoutMessages(@Reference Applications applications, @Reference PaymentRuns runs,
                          @Reference AppreciationLetters letters, @Reference AppreciationMessages messages,
                          @Reference Leases leases, Config config) {
        this.applications = applications;
        this.runs = runs;
        this.letters = letters;
        this.messages = messages;
        this.leases = leases;
        this.jdbc = applications.jdbc();
        if (config == null) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mantelkring-uitbetaalberichten");
            t.setDaemon(true);
            return t;
        });
        int every = Math.max(1, config.intervalSeconds());
        timer.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.SECONDS);
    }

    @Deactivate
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** A voucher was issued (in the current request, if any): its letter and message follow once that commits. */
    public void voucherIssued(String tenant, String grantId) {
        applications.afterCommit(() -> {
            try {
                voucherNotice(tenant, grantId);
            } catch (RuntimeException e) {
                LOG.warn("Voucher message of a grant of {} not made yet; the job tries again: {}", tenant,
                        e.toString());
            }
        });
    }

    /** One look for due messages, under the lease (another node doing it: nothing to do here). */
    void sweep() {
        try {
            leases.runExclusively(LEASE, Duration.ofMinutes(2), lease -> {
                for (String[] g : jdbc.query("select g.tenant, g.id from appreciation_grant g where g.voucher_code is"
                        + " not null and not exists (select 1 from appreciation_voucher_notice n where n.grant_id ="
                        + " g.id) order by g.id fetch first 100 rows only", rs -> new String[] {rs.getString(1),
                                rs.getString(2)})) {
                    if (!lease.isHeld()) {
                        return null;
                    }
                    try {
                        voucherNotice(g[0], g[1]);
                    } catch (RuntimeException e) {
                        LOG.warn("Voucher message of a grant of {} not made yet: {}", g[0], e.toString());
                    }
                }
                paidRuns(lease::isHeld);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not look for payout messages that are due: {}", e.toString());
        }
    }

    /** The voucher letter and message of one issued voucher, once. */
    int voucherNotice(String tenant, String grantId) {
        if (jdbc.count("select count(*) from appreciation_voucher_notice where grant_id = ?", grantId) > 0) {
            return 0;
        }
        Optional<PaymentRuns.Grant> g = runs.grant(tenant, grantId);
        if (g.isEmpty() || g.get().voucherCode() == null) {
            return 0;
        }
        Applications.Stored application = applications.find(tenant, g.get().applicationId()).orElseThrow();
        LocalDate validUntil = jdbc.queryOne("select voucher_valid_until from appreciation_grant where tenant = ? and"
                + " id = ?", rs -> rs.getObject(1, LocalDate.class), tenant, grantId).orElse(null);
        StoredLetter letter = letters.voucherLetter(tenant, g.get(), application);
        return jdbc.inTransaction(c -> {
            Optional<String> id = messages.voucherIssued(c, tenant, g.get(), application, letter, validUntil);
            Jdbc.update(c, "insert into appreciation_voucher_notice (grant_id, tenant, message_id, created_at)"
                    + " values (?,?,?,?)", grantId, tenant, id.orElse(null), now());
            return id.isPresent() ? 1 : 0;
        });
    }

    /**
     * The "paid" messages of every confirmed run that still has grants without one, chunk by chunk.
     *
     * @return the number of messages stored
     */
    public int paidRuns(java.util.function.BooleanSupplier go) {
        int stored = 0;
        List<String[]> due = jdbc.query("select r.id, r.tenant from appreciation_run r where r.status = ? and not"
                + " exists (select 1 from appreciation_run_notice n where n.run_id = r.id and n.done_at is not null)"
                + " order by r.closed_at, r.id", rs -> new String[] {rs.getString(1), rs.getString(2)},
                PaymentRuns.CONFIRMED);
        for (String[] run : due) {
            if (jdbc.count("select count(*) from appreciation_run_notice where run_id = ?", run[0]) == 0) {
                jdbc.update("insert into appreciation_run_notice (run_id, tenant, messages) values (?,?,0)", run[0],
                        run[1]);
            }
            while (go.getAsBoolean()) {
                int[] chunk = paidChunk(run[1], run[0]);
                stored += chunk[0];
                if (chunk[1] < CHUNK) {
                    break;
                }
            }
        }
        return stored;
    }

    /** One chunk of a run's "paid" messages in one transaction; {messages stored, grants looked at}. */
    private int[] paidChunk(String tenant, String runId) {
        return jdbc.inTransaction(c -> {
            String after = Jdbc.query(c, "select last_grant_id from appreciation_run_notice where run_id = ? for"
                    + " update", rs -> rs.getString(1), runId).get(0);
            record Paid(String id, String caregiverId, int year, BigDecimal amount, Instant paidAt) {
            }
            List<Paid> grants = Jdbc.query(c, "select id, caregiver_id, budget_year, coalesce(payable, amount),"
                    + " paid_at from appreciation_grant where run_id = ? and status = ? and id > ? order by id fetch"
                    + " first " + CHUNK + " rows only", rs -> new Paid(rs.getString(1), rs.getString(2), rs.getInt(3),
                            rs.getBigDecimal(4), Jdbc.instant(rs, "paid_at")), runId, PaymentRuns.PAID,
                    after == null ? "" : after);
            int n = 0;
            for (Paid p : grants) {
                if (messages.paid(c, tenant, p.year(), p.id(), p.caregiverId(), p.amount(), p.paidAt()).isPresent()) {
                    n++;
                }
            }
            Jdbc.update(c, "update appreciation_run_notice set last_grant_id = ?, messages = messages + ?, done_at = ?"
                    + " where run_id = ?", grants.isEmpty() ? after : grants.get(grants.size() - 1).id(), n,
                    grants.size() < CHUNK ? now() : null, runId);
            return new int[] {n, grants.size()};
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
