package nl.mantelkring.appreciation.internal.payment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.appreciation.PayoutChannel;
import nl.mantelkring.appreciation.PayoutRequest;
import nl.mantelkring.appreciation.PayoutResult;
import nl.mantelkring.appreciation.internal.Applications;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.api.plugin.PluginRegistry;

/**
 * Payouts that are not bank transfers. {@code waardebon}: a voucher with a unique, unguessable code (16 characters
 * from a 32-letter alphabet without look-alikes, 80 random bits from {@link SecureRandom}, written
 * {@code XXXX-XXXX-XXXX-XXXX}), valid for the months the payment policy says, redeemed once. {@code plugin:<id>}: a
 * vendor's {@link PayoutChannel}, called once per grant with a time limit; a failure is kept as the grant's problem
 * and retried on request.
 *
 * <p>Issued right after the grant is committed; grants left without a payout (a crash in between) are picked up by
 * {@link #issuePending}, which the payment-run scheduler calls.
 */
@Component(service = Vouchers.class)
public class Vouchers {

    public static final String ISSUED = "uitgegeven";
    public static final String REDEEMED = "ingewisseld";
    static final String EXPIRED = "verlopen";
    static final String VOUCHER = "waardebon";
    static final String PLUGIN = "plugin:";
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final long PLUGIN_TIMEOUT_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(Vouchers.class);
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** A voucher as the redeeming party sees it: no person's data. */
    public record Voucher(String code, String tenant, int year, java.math.BigDecimal amount, String status,
                          LocalDate validUntil, Instant redeemedAt) {
    }

    private final Jdbc jdbc;
    private final PaymentRuns runs;
    private final PluginRegistry plugins;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService calls = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mantelkring-uitbetaalkanaal");
        t.setDaemon(true);
        return t;
    });

    private final java.util.concurrent.ScheduledExecutorService sweeper =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mantelkring-uitgifte");
                t.setDaemon(true);
                return t;
            });

    @Activate
    public Vouchers(@Reference Applications applications, @Reference PaymentRuns runs,
                    @Reference PluginRegistry plugins) {
        this(applications, runs, plugins, Clock.systemUTC());
        sweeper.scheduleWithFixedDelay(this::issuePending, 20, 30, TimeUnit.SECONDS);
    }

    public Vouchers(Applications applications, PaymentRuns runs, PluginRegistry plugins, Clock clock) {
        this.jdbc = applications.jdbc();
        this.runs = runs;
        this.plugins = plugins;
        this.clock = clock;
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        calls.shutdownNow();
    }

    /** A fresh voucher code. */
    String newCode() {
        StringBuilder b = new StringBuilder(19);
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                b.append('-');
            }
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** Issues the payout of the application's grant when its channel is a voucher or a vendor channel. */
    public void issueForApplication(String tenant, String applicationId) {
        jdbc.queryOne("select id from appreciation_grant where tenant = ? and application_id = ?",
                rs -> rs.getString(1), tenant, applicationId).ifPresent(id -> issue(tenant, id, false));
    }

    /**
     * Issues one grant's voucher or vendor payout. A failed vendor call is only repeated when {@code retry} is set
     * (a consultant's request); returns the grant as it is afterwards.
     */
    public PaymentRuns.Grant issue(String tenant, String grantId, boolean retry) {
        PaymentRuns.Grant g = runs.grant(tenant, grantId).orElseThrow(PaymentRuns::grantNotFound);
        boolean due = PaymentRuns.GRANTED.equals(g.status()) && g.channel() != null
                && (VOUCHER.equals(g.channel()) || g.channel().startsWith(PLUGIN))
                && (retry || g.problem() == null);
        if (!due) {
            if (retry) {
                throw ProblemException.conflict("Deze toekenning is " + g.status() + " met uitbetaalwijze "
                        + g.channel() + "; er valt niets (opnieuw) uit te geven.");
            }
            return g;
        }
        // a split's amount is fixed first (after the application window, as a payment run does)
        if (!runs.fixForPayout(tenant, g)) {
            PaymentRuns.Grant now = runs.grant(tenant, grantId).orElseThrow();
            if (retry) {
                throw ProblemException.conflict(now.problem() != null ? now.problem() : "Het bedrag van deze"
                        + " toekenning staat nog niet vast (verdeling over de mantelzorgers van de zorgvrager); de"
                        + " uitgifte volgt als het vaststaat.");
            }
            return now;
        }
        g = runs.grant(tenant, grantId).orElseThrow();
        if (VOUCHER.equals(g.channel())) {
            issueVoucher(tenant, g);
            voucherIssued(tenant, grantId);
        } else {
            issuePlugin(tenant, g);
        }
        return runs.grant(tenant, grantId).orElseThrow();
    }

    private void issueVoucher(String tenant, PaymentRuns.Grant g) {
        int months = runs.voucherValidMonths(tenant, g.year());
        LocalDate until = LocalDate.now(clock.withZone(ZONE)).plusMonths(months);
        for (int attempt = 0; ; attempt++) {
            try {
                jdbc.update("update appreciation_grant set status = ?, voucher_code = ?, voucher_valid_until = ?,"
                        + " updated_at = ?, version = version + 1 where tenant = ? and id = ? and status = ?", ISSUED,
                        newCode(), until, now(), tenant, g.id(), PaymentRuns.GRANTED);
                return;
            } catch (DataAccessException e) {
                if (attempt < 3 && Jdbc.isUniqueViolation(e)) {
                    continue;   // 1 in 2^80: a code taken already
                }
                throw e;
            }
        }
    }

    private void issuePlugin(String tenant, PaymentRuns.Grant g) {
        String pluginId = g.channel().substring(PLUGIN.length());
        Optional<PayoutChannel> channel = plugins.find(PayoutChannel.class, tenant, pluginId);
        String problem;
        if (channel.isEmpty()) {
            problem = "Uitbetaalkanaal " + pluginId + " is niet geïnstalleerd of niet beschikbaar voor deze gemeente.";
        } else {
            PayoutRequest request = new PayoutRequest(tenant, g.id(), g.year(),
                    g.payable() != null ? g.payable() : g.amount(), g.caregiverId());
            Future<PayoutResult> call = calls.submit(() -> channel.get().issue(request));
            try {
                PayoutResult result = call.get(PLUGIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (result == null) {
                    throw new IllegalStateException("the channel returned nothing");
                }
                jdbc.update("update appreciation_grant set status = ?, payout_reference = ?, payout_problem = null,"
                        + " updated_at = ?, version = version + 1 where tenant = ? and id = ? and status = ?", ISSUED,
                        result.reference(), now(), tenant, g.id(), PaymentRuns.GRANTED);
                return;
            } catch (TimeoutException e) {
                call.cancel(true);
                problem = "Uitbetaalkanaal " + pluginId + " antwoordde niet binnen " + PLUGIN_TIMEOUT_SECONDS
                        + " seconden.";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "Uitgifte onderbroken.";
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                LOG.warn("Payout channel {} failed for a grant of {}: {}", pluginId, tenant, cause.toString());
                problem = "Uitbetaalkanaal " + pluginId + " gaf een fout: " + cause.getClass().getSimpleName();
            }
        }
        jdbc.update("update appreciation_grant set payout_problem = ?, updated_at = ? where tenant = ? and id = ?",
                problem.length() > 1000 ? problem.substring(0, 1000) : problem, now(), tenant, g.id());
    }

    /** Grants committed without their voucher or vendor payout yet (e.g. a crash right after the grant). */
    public void issuePending() {
        try {
            issuePendingOnce();
        } catch (RuntimeException e) {
            LOG.warn("Could not look for grants waiting for their payout: {}", e.toString());
        }
    }

    private void issuePendingOnce() {
        // by id, a hundred at a time: grants that wait (a split before its amount is fixed) do not hold up the rest
        String after = "";
        while (true) {
            List<String[]> pending = jdbc.query("select tenant, id from appreciation_grant where status = ? and"
                    + " payout_problem is null and (channel = ? or channel like 'plugin:%') and created_at < ? and"
                    + " id > ? order by id fetch first 100 rows only", rs -> new String[] {rs.getString(1),
                            rs.getString(2)}, PaymentRuns.GRANTED, VOUCHER, now().minusSeconds(30), after);
            for (String[] p : pending) {
                try {
                    issue(p[0], p[1], false);
                } catch (RuntimeException e) {
                    LOG.warn("Could not issue the payout of a grant of {}: {}", p[0], e.toString());
                }
            }
            if (pending.size() < 100) {
                return;
            }
            after = pending.get(pending.size() - 1)[1];
        }
    }

    // ------------------------------------------------------------------------------------------------ vouchers

    public Optional<Voucher> voucher(String tenant, String code) {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        return jdbc.queryOne("select * from appreciation_grant where tenant = ? and voucher_code = ?", rs -> {
            LocalDate until = rs.getObject("voucher_valid_until", LocalDate.class);
            String status = rs.getString("status");
            if (ISSUED.equals(status) && until != null && until.isBefore(today)) {
                status = EXPIRED;
            }
            return new Voucher(rs.getString("voucher_code"), tenant, rs.getInt("budget_year"),
                    rs.getBigDecimal("payable") != null ? rs.getBigDecimal("payable") : rs.getBigDecimal("amount"),
                    status, until, Jdbc.instant(rs, "redeemed_at"));
        }, tenant, code);
    }

    /** Redeems a voucher once: 409 when redeemed already or expired. */
    public Voucher redeem(String tenant, String code, String actor) {
        Voucher v = voucher(tenant, code).orElseThrow(Vouchers::notFound);
        if (!ISSUED.equals(v.status())) {
            throw new ProblemException(409, Problems.of("waardebon-" + v.status()), "Waardebon " + v.status(),
                    REDEEMED.equals(v.status()) ? "Deze waardebon is al ingewisseld op " + v.redeemedAt() + "."
                            : "Deze waardebon was geldig tot en met " + v.validUntil() + ".");
        }
        int n = jdbc.update("update appreciation_grant set status = ?, redeemed_at = ?, redeemed_by = ?,"
                + " updated_at = ?, version = version + 1 where tenant = ? and voucher_code = ? and status = ?",
                REDEEMED, now(), actor, now(), tenant, code, ISSUED);
        if (n == 0) {
            throw ProblemException.conflict("Deze waardebon is zojuist ingewisseld.");
        }
        return voucher(tenant, code).orElseThrow();
    }

    static ProblemException notFound() {
        return ProblemException.notFound("Geen waardebon met deze code in deze gemeente.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ------------------------------------------------------------------------------------------------ issue 19 (A2)

    /** The voucher letter and message (issue 19); field-injected so that this block merges apart from the rest. */
    @org.osgi.service.component.annotations.Reference
    private volatile nl.mantelkring.appreciation.internal.messages.PayoutMessages payoutMessages;

    /** Unit tests construct vouchers without messages. */
    private void voucherIssued(String tenant, String grantId) {
        var m = payoutMessages;
        if (m != null) {
            m.voucherIssued(tenant, grantId);
        }
    }
}
