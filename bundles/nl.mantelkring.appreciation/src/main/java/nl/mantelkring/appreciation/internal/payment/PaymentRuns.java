package nl.mantelkring.appreciation.internal.payment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.appreciation.internal.Applications;
import nl.mantelkring.appreciation.internal.rules.AppreciationPolicy;
import nl.mantelkring.appreciation.internal.sepa.SepaFiles;
import nl.mantelkring.appreciation.internal.sepa.SepaFormat;
import nl.mantelkring.appreciation.internal.sepa.SepaHeader;
import nl.mantelkring.appreciation.internal.sepa.SepaTotals;
import nl.mantelkring.appreciation.internal.sepa.SepaWriter;
import nl.mantelkring.appreciation.internal.sepa.Transfer;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.Problems;
import nl.mantelkring.platform.api.data.DataAccessException;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.registration.CaregiverDirectory;
import nl.mantelkring.registration.Payee;

/**
 * Payment runs (betaalruns): approved, unpaid bank-transfer grants of a year into pain.001 files.
 *
 * <p><b>Never twice, never lost.</b> {@link #start} records the run under the tenant-year lock with its watermark
 * (the last grant made before it) and how amounts are fixed. The run then takes its grants in chunks of
 * {@link #CHUNK}, each in one transaction under the run's lease (status {@code voorbereiden}; the first chunk in the
 * start request itself): each grant gets a payment row (sequence, file number, amount, end-to-end id) and moves from
 * {@code toegekend} to {@code in-betaalrun} in a guarded update, so no later run can take it; the chunk's end is the
 * run's cursor, so a resumed run goes on where the last committed chunk stopped. Memory and transaction size do not
 * grow with the number of grants. At most one run per tenant is open (a unique column), on every
 * node. A worker then writes the files one by one: each file is streamed from the database straight into the
 * database (parts of {@link #PART} bytes), re-read from there, recounted and XSD-validated ({@link SepaFiles#check}),
 * and recorded together with the run's progress in one transaction. <b>No file is written to the node's disk</b>:
 * the files hold names and IBANs; what earlier versions left in the work folder is deleted at start
 * ({@link #removeLeftovers}). A crash (or {@code kill -9}) loses at most the file being written; the run keeps its lease for
 * {@link #LEASE}, after which any node resumes it with the files not yet stored, from the same payment rows. A grant
 * becomes {@code betaald} only when an administrator confirms the bank accepted the files; a cancelled run puts its
 * grants back. Repeating {@code start} while a run is open returns that run.
 *
 * <p>A grant whose caregiver has no IBAN (any more), or was erased, is left out of its file and goes back to
 * {@code toegekend} with the reason; the run's totals are lowered before that file is written.
 */
@Component(service = PaymentRuns.class)
public class PaymentRuns {

    public static final String PREPARING = "voorbereiden";
    public static final String RUNNING = "bezig";
    public static final String READY = "gereed";
    public static final String FAILED = "mislukt";
    public static final String CONFIRMED = "bevestigd";
    public static final String CANCELLED = "geannuleerd";

    public static final String GRANTED = "toegekend";
    public static final String IN_RUN = "in-betaalrun";
    public static final String PAID = "betaald";
    public static final String RETURNED = "teruggeboekt";

    static final String IN_FILE = "in-bestand";
    static final String SKIPPED = "overgeslagen";
    static final Duration LEASE = Duration.ofSeconds(30);
    static final int PART = 1 << 20;
    static final int CHUNK = 10_000;
    static final String PURPOSE = "Uitbetaling mantelzorgwaardering (betaalrun)";
    /** The run's rule for a split over a recipient's caregivers ({@code payable_rule}). */
    static final String SPLIT = "verdeling";

    private static final Logger LOG = LoggerFactory.getLogger(PaymentRuns.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** A run as the API shows it. */
    public record Run(String id, String tenant, int year, String status, String format, LocalDate executionDate,
                      int maxPerFile, int transactions, BigDecimal total, int files, int writtenFiles, int skipped,
                      int prepared, int candidates, String problem, Instant createdAt, String createdBy, Instant finishedAt, Instant closedAt,
                      String closedBy, List<RunFile> fileList) {
    }

    /** A released file. */
    public record RunFile(int number, String messageId, int transactions, BigDecimal total, String sha256,
                          long size) {
    }

    /** What {@link #start} did: a new run, or the run that was open already. */
    public record Started(Run run, boolean created) {
    }

    /** A grant as the API shows it. */
    public record Grant(String id, String applicationId, String caregiverId, int year, BigDecimal amount,
                        BigDecimal payable, String channel, String status, String runId, int attempts,
                        Instant paidAt, String voucherCode, String payoutReference, String problem,
                        boolean provisional) {

        /** {@code provisional}: the amount may still go down until a run (or the voucher) fixes {@code payable}. */
        Grant provisional(boolean amountsProvisional) {
            return new Grant(id, applicationId, caregiverId, year, amount, payable, channel, status, runId, attempts,
                    paidAt, voucherCode, payoutReference, problem,
                    amountsProvisional && payable == null && GRANTED.equals(status));
        }
    }

    private final Applications applications;
    private final Jdbc jdbc;
    private final PolicyStore policies;
    private final CaregiverDirectory directory;
    private final Clock clock;
    private final String node = "node-" + UUID.randomUUID();
    private final Set<String> working = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final boolean background;
    private volatile int chunkSize = CHUNK;

    @Activate
    public PaymentRuns(@Reference Applications applications, @Reference PolicyStore policies,
                       @Reference CaregiverDirectory directory) {
        this(applications, policies, directory, Clock.systemUTC(), defaultWorkDir(), true);
    }

    /** @param leftovers the folder where earlier versions wrote files; deleted here, never written */
    public PaymentRuns(Applications applications, PolicyStore policies, CaregiverDirectory directory, Clock clock,
                Path leftovers, boolean background) {
        this.applications = applications;
        this.jdbc = applications.jdbc();
        this.policies = policies;
        this.directory = directory;
        this.clock = clock;
        this.background = background;
        removeLeftovers(leftovers);
        this.workers = Executors.newSingleThreadExecutor(r -> daemon(r, "mantelkring-betaalrun"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mantelkring-betaalrun-lease"));
        if (background) {
            // renew our leases; pick up runs whose node died (also our own, after a restart)
            scheduler.scheduleWithFixedDelay(this::heartbeat, 5, 5, TimeUnit.SECONDS);
            scheduler.scheduleWithFixedDelay(this::resumeAbandoned, 2, 10, TimeUnit.SECONDS);
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    purgeExpired();
                } catch (RuntimeException e) {
                    LOG.warn("Could not apply the appreciation retention: {}", e.toString());
                }
            }, 10, 24 * 60 * 60, TimeUnit.SECONDS);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Deletes what earlier versions left in the node's work folder for payment runs: they wrote each file there
     * first (names and IBANs), and a crash could leave it behind. Runs no longer write local files at all.
     */
    static void removeLeftovers(Path workDir) {
        if (!Files.exists(workDir)) {
            return;
        }
        try (var paths = Files.walk(workDir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            LOG.info("Removed the leftover payment-run folder {} (local files are no longer written)", workDir);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not remove the leftover payment-run folder {}: {}", workDir, e.toString());
        }
    }

    private static Path defaultWorkDir() {
        String data = System.getProperty("karaf.data");
        return Path.of(data != null ? data : System.getProperty("java.io.tmpdir"), "mantelkring", "betaalruns");
    }

    @Deactivate
    public void deactivate() {
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------------ policy

    PaymentPolicy paymentPolicy(String tenant, int year) {
        String value = policies.current(tenant, PaymentPolicy.KEY, year)
                .orElseThrow(() -> new ProblemException(409, Problems.of("geen-betaalgegevens"),
                        "Geen betaalgegevens", "De gemeente heeft nog geen rekening en omschrijving voor de"
                                + " uitbetaling vastgelegd (beleid " + PaymentPolicy.KEY + ")."))
                .value();
        try {
            return PaymentPolicy.parse(JSON.readTree(value));
        } catch (PaymentPolicy.Invalid e) {
            throw ProblemException.unusablePolicy(PaymentPolicy.KEY, e.problems().get(0).field() + ": "
                    + e.problems().get(0).reason().replaceAll("\\.$", ""));
        } catch (JsonProcessingException e) {
            throw ProblemException.unusablePolicy(PaymentPolicy.KEY, "geen geldige JSON");
        }
    }

    /** How long a voucher stays valid: the payment policy's months, 12 when there is no usable payment policy. */
    int voucherValidMonths(String tenant, int year) {
        try {
            return paymentPolicy(tenant, year).voucherValidMonths();
        } catch (ProblemException e) {
            return 12;
        }
    }

    // ------------------------------------------------------------------------------------------------ start

    /**
     * Starts a run for the year's approved, unpaid bank-transfer grants, or returns the tenant's open run.
     *
     * @param format     null: the policy's
     * @param maxPerFile null: the policy's
     */
    public Started start(String tenant, String actor, int year, LocalDate executionDate, SepaFormat format,
                         Integer maxPerFile) {
        Optional<Run> open = openRun(tenant);
        if (open.isPresent()) {
            return new Started(open.get(), false);
        }
        PaymentPolicy pay = paymentPolicy(tenant, year);
        AppreciationPolicy rules = applications.policy(tenant, year);
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        // a split over a recipient's caregivers: each grant's amount is fixed by the run (Payout.splitShare)
        boolean split = "verdeling".equals(rules.payout().kind());
        boolean proRata = "pro-rata".equals(rules.payout().kind())
                || "pro-rata".equals(rules.onExhaustion()) && rules.budget() != null
                && applications.committed(tenant, year).compareTo(rules.budget()) > 0;
        if (proRata && !today.isAfter(rules.window().until())) {
            throw new ProblemException(409, Problems.of("aanvraagperiode-loopt"), "Aanvraagperiode loopt nog",
                    "Het budget wordt naar verhouding verdeeld; dat kan pas als de aanvraagperiode voorbij is (tot en"
                            + " met " + rules.window().until() + ").");
        }
        if (split && AppreciationPolicy.Payout.AFTER_WINDOW.equals(rules.payout().fixing())
                && !today.isAfter(rules.window().until())) {
            throw new ProblemException(409, Problems.of("aanvraagperiode-loopt"), "Aanvraagperiode loopt nog",
                    "Het bedrag per zorgvrager wordt verdeeld over de mantelzorgers met een waardering; hoeveel dat er"
                            + " zijn staat pas vast als de aanvraagperiode voorbij is (tot en met "
                            + rules.window().until() + ").");
        }
        String splitAmounts = split ? String.join(",", rules.payout().split().stream()
                .map(BigDecimal::toPlainString).toList()) : null;
        String candidatesOf = CANDIDATES + (split ? HELD_BACK : "");
        SepaFormat f = format == null ? pay.format() : format;
        int perFile = maxPerFile == null ? pay.maxPerFile() : maxPerFile;
        String id = UUID.randomUUID().toString();
        String base = "MKW" + id.replace("-", "").substring(0, 20).toUpperCase(java.util.Locale.ROOT);
        Instant now = now();
        try {
            // short: under the tenant-year lock only the run and its watermark (the grants made before it) are
            // recorded, with how amounts are fixed; the grants themselves are taken in chunks by prepare()
            applications.inYearLock(tenant, year, c -> {
                long watermark = Jdbc.query(c, "select coalesce(max(grant_no), 0) from appreciation_grant where"
                        + " tenant = ? and budget_year = ?", rs -> rs.getLong(1), tenant, year).get(0);
                Object[] open2 = Jdbc.query(c, "select count(*), coalesce(sum(case when payable is null then amount"
                        + " end), 0), sum(case when payable is null then 1 else 0 end)" + candidatesOf,
                        rs -> new Object[] {rs.getInt(1), rs.getBigDecimal(2), rs.getInt(3)}, tenant, year, GRANTED,
                        0L, watermark).get(0);
                int candidates = (Integer) open2[0];
                if (candidates == 0) {
                    throw new ProblemException(409, Problems.of("niets-te-betalen"), "Niets te betalen",
                            "Er zijn voor " + year + " geen toegekende, nog niet betaalde waarderingen per"
                                    + " bankoverschrijving.");
                }
                String rule = split ? "verdeling" : "bedrag";
                BigDecimal share = null;
                BigDecimal left = null;
                BigDecimal asked = (BigDecimal) open2[1];
                if (proRata) {
                    BigDecimal fixed = Jdbc.query(c, "select coalesce(sum(payable), 0) from appreciation_grant where"
                            + " tenant = ? and budget_year = ? and payable is not null", rs -> rs.getBigDecimal(1),
                            tenant, year).get(0);
                    left = rules.budget().subtract(fixed).max(BigDecimal.ZERO);
                    int unfixed = (Integer) open2[2];
                    if ("pro-rata".equals(rules.payout().kind())) {
                        rule = "aandeel";
                        share = unfixed == 0 ? BigDecimal.ZERO
                                : left.divide(BigDecimal.valueOf(unfixed), 2, RoundingMode.DOWN)
                                        .min(rules.payout().cap());
                    } else if (asked.compareTo(left) > 0 && !split) {
                        rule = "verhouding";
                    }   // a split over budget: each share is lowered in proportion too (prepareChunk)
                }
                Jdbc.update(c, "insert into appreciation_run (id, tenant, budget_year, open_tenant, status, format,"
                        + " execution_date, max_per_file, message_base, debtor_name, debtor_iban, debtor_bic,"
                        + " remittance, transactions, total, files, written_files, skipped, created_at, created_by,"
                        + " version, watermark, candidates, payable_rule, payable_share, budget_left, asked,"
                        + " lease_owner, lease_until, payable_split)"
                        + " values (?,?,?,?,?,?,?,?,?,?,?,?,?,0,0,0,0,0,?,?,1,?,?,?,?,?,?,?,?,?)",
                        id, tenant, year, tenant, PREPARING, PaymentPolicy.formatName(f), executionDate, perFile, base,
                        pay.debtor().name(), pay.debtor().iban(), pay.debtor().bic(), pay.remittanceFor(year), now,
                        actor, watermark, candidates, rule, share, left, asked, node, now.plus(LEASE), splitAmounts);
            });
        } catch (DataAccessException e) {
            if (Jdbc.isUniqueViolation(e)) {
                // another node (or request) opened a run at the same moment: that one stands
                return new Started(openRun(tenant).orElseThrow(() -> e), false);
            }
            throw e;
        }
        // the first chunk in the request: a run of up to one chunk answers with its totals at once
        try {
            prepareChunk(id);
        } catch (LeaseLost e) {
            // cancelled or taken over already: the run's own state says what happened
        } catch (RuntimeException e) {
            LOG.error("Payment run {} of {} failed while taking its grants", id, tenant, e);
            fail(header(id), e);
        }
        // the worker reads the run: it starts once the request has committed it
        applications.afterCommit(() -> submit(id));
        return new Started(find(tenant, id).orElseThrow(), true);
    }

    /** The grants a run takes: bank transfers, granted, unpaid, without a payout problem, made before the run. */
    private static final String CANDIDATES = " from appreciation_grant where tenant = ? and budget_year = ? and status"
            + " = ? and channel = 'geld' and payout_problem is null and grant_no > ? and grant_no <= ?";

    /**
     * For a split: a grant waits while an application for the same recipient is undecided (a consultant may still
     * grant it, which lowers every share of that recipient); it goes into a later run.
     */
    private static final String HELD_BACK = " and not exists (select 1 from appreciation_application a where"
            + " a.tenant = appreciation_grant.tenant and a.budget_year = appreciation_grant.budget_year and"
            + " a.recipient_id = appreciation_grant.recipient_id and a.status in ('" + Applications.SUBMITTED + "', '"
            + Applications.WAITING + "'))";

    /** The reason on a split grant that has nothing left to pay. */
    static String nothingLeft(BigDecimal total) {
        return "Niets uit te betalen: het bedrag voor deze zorgvrager (" + money(total) + " bij dit aantal"
                + " mantelzorgers) is al vastgesteld voor de andere mantelzorgers.";
    }

    private static String money(BigDecimal d) {
        return "EUR " + d.setScale(2, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
    }

    /**
     * Takes the next chunk of the run's grants (at most {@link #chunkSize}) in one transaction, under the run's
     * lease: fixes their amount to pay, numbers them (sequence, file, end-to-end id = grant id without dashes and the
     * attempt number) and moves each from {@code toegekend} to {@code in-betaalrun} exactly once (a guarded update;
     * a grant that changed meanwhile is left alone). The last chunk turns the run to {@code bezig} (files next).
     *
     * @return whether the run's grants are all taken
     */
    private boolean prepareChunk(String runId) {
        Instant now = now();
        return jdbc.inTransaction(c -> {
            Prep p = Jdbc.query(c, "select tenant, budget_year, max_per_file, watermark, prepared_until, prepared,"
                    + " payable_rule, payable_share, budget_left, asked, payable_split from appreciation_run where"
                    + " id = ?", rs -> new Prep(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getLong(4),
                            rs.getLong(5), rs.getInt(6), rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                            rs.getBigDecimal(10), Prep.split(rs.getString(11))), runId).get(0);
            boolean split = SPLIT.equals(p.rule());
            if (split) {
                // a split counts the recipient's caregivers: no grant is made meanwhile (the decisions' lock first,
                // then the run's, as start() takes them)
                Applications.lockYear(c, p.tenant(), p.year());
            }
            requireLease(c, runId, PREPARING);
            // in index order (tenant, year, status, channel, grant_no): a range scan, never a sort of the year
            List<Object[]> chunk = Jdbc.query(c, "select id, amount, payable, attempts, grant_no, recipient_id"
                    + CANDIDATES + (split ? HELD_BACK : "") + " order by tenant, budget_year, status, channel,"
                    + " grant_no fetch first " + chunkSize + " rows only", rs -> new Object[] {rs.getString(1),
                            rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getInt(4), rs.getLong(5), rs.getString(6)},
                    p.tenant(), p.year(), GRANTED, p.preparedUntil(), p.watermark());
            Map<String, Object[]> recipients = split && !chunk.isEmpty()
                    ? recipients(c, p, (Long) chunk.get(chunk.size() - 1)[4]) : Map.of();
            List<Object[]> grants = new ArrayList<>(chunk.size());
            List<Object[]> nothingLeft = new ArrayList<>();
            for (Object[] g : chunk) {
                BigDecimal payable;
                if (split && g[2] == null) {
                    // caregivers of the recipient, and the amounts fixed for it so far (this chunk included)
                    Object[] r = recipients.get((String) g[5]);
                    payable = AppreciationPolicy.Payout.splitShare(p.split(), (Integer) r[0], (BigDecimal) r[1],
                            (BigDecimal) g[1]);
                    if (p.left() != null && p.asked().compareTo(p.left()) > 0) {
                        // more granted than budgeted (bijUitputting pro-rata): lowered in proportion, rounded down
                        payable = payable.multiply(p.left()).divide(p.asked(), 2, RoundingMode.DOWN);
                    }
                    r[1] = ((BigDecimal) r[1]).add(payable);
                    if (payable.signum() == 0) {
                        nothingLeft.add(new Object[] {nothingLeft(AppreciationPolicy.Payout.splitTotal(p.split(),
                                (Integer) r[0])), g[0]});
                    }
                } else {
                    payable = p.payable((BigDecimal) g[1], (BigDecimal) g[2]);
                }
                g[2] = payable;
                grants.add(new Object[] {payable, g[0]});
            }
            // the amount is fixed for every grant of the chunk (also a zero share, which is then not paid)
            Jdbc.batch(c, "update appreciation_grant set payable = ? where id = ? and payable is null", grants.stream()
                    .filter(r -> r[0] != null).toList());
            Jdbc.batch(c, "update appreciation_grant set payout_problem = ? where id = ?", nothingLeft);
            List<Object[]> moves = new ArrayList<>();
            List<Object[]> taken = new ArrayList<>();
            for (Object[] g : chunk) {
                BigDecimal payable = (BigDecimal) g[2];
                if (payable != null && payable.signum() > 0) {
                    taken.add(g);
                    moves.add(new Object[] {IN_RUN, runId, now.atOffset(java.time.ZoneOffset.UTC), g[0], GRANTED});
                }
            }
            int[] counts = batchCounts(c, "update appreciation_grant set status = ?, run_id = ?, attempts = attempts"
                    + " + 1, updated_at = ?, version = version + 1 where id = ? and status = ? and payout_problem is"
                    + " null", moves);
            List<Object[]> payments = new ArrayList<>(taken.size());
            int seq = p.prepared();
            BigDecimal sum = BigDecimal.ZERO;
            for (int i = 0; i < taken.size(); i++) {
                if (counts[i] != 1) {
                    continue;   // changed since the select (e.g. withdrawn): not ours
                }
                Object[] g = taken.get(i);
                seq++;
                BigDecimal amount = (BigDecimal) g[2];
                sum = sum.add(amount);
                payments.add(new Object[] {runId, g[0], p.tenant(), seq, (seq - 1) / p.maxPerFile() + 1, amount,
                    ((String) g[0]).replace("-", "") + "-" + ((Integer) g[3] + 1), IN_FILE});
            }
            Jdbc.batch(c, "insert into appreciation_payment (run_id, grant_id, tenant, seq, file_no, amount,"
                    + " end_to_end_id, status) values (?,?,?,?,?,?,?,?)", payments);
            long until = chunk.isEmpty() ? p.preparedUntil() : (Long) chunk.get(chunk.size() - 1)[4];
            boolean done = chunk.size() < chunkSize;
            int files = (seq + p.maxPerFile() - 1) / p.maxPerFile();
            String status = !done ? PREPARING : seq == 0 ? CANCELLED : RUNNING;
            Jdbc.update(c, "update appreciation_run set prepared_until = ?, prepared = ?, transactions = transactions"
                    + " + ?, total = total + ?, files = ?, status = ?, lease_until = ?, problem = ?, open_tenant = "
                    + (CANCELLED.equals(status) ? "null" : "open_tenant") + ", finished_at = ?, version = version + 1"
                    + " where id = ?", until, seq, payments.size(), sum, files, status, now().plus(LEASE),
                    CANCELLED.equals(status) ? "Geen enkele toekenning kon in de betaalrun (bedrag nul of intussen"
                            + " gewijzigd)." : null, CANCELLED.equals(status) ? now : null, runId);
            return done;
        });
    }

    /**
     * For a split: per recipient of the chunk's grants (up to grant {@code last}), its caregivers with a grant this
     * year and the sum of the amounts fixed for them so far, as {caregivers, fixed}.
     */
    private static Map<String, Object[]> recipients(Connection c, Prep p, long last) throws SQLException {
        Map<String, Object[]> out = new java.util.HashMap<>();
        for (Object[] r : Jdbc.query(c, "select recipient_id, count(distinct caregiver_id), coalesce(sum(payable), 0)"
                + " from appreciation_grant where tenant = ? and budget_year = ? and recipient_id in (select"
                + " recipient_id from appreciation_grant where tenant = ? and budget_year = ? and grant_no > ? and"
                + " grant_no <= ?) group by recipient_id", rs -> new Object[] {rs.getString(1), rs.getInt(2),
                        rs.getBigDecimal(3)}, p.tenant(), p.year(), p.tenant(), p.year(), p.preparedUntil(), last)) {
            out.put((String) r[0], new Object[] {r[1], r[2]});
        }
        return out;
    }

    /** The run's state while it takes its grants, and how it fixes amounts to pay. */
    private record Prep(String tenant, int year, int maxPerFile, long watermark, long preparedUntil, int prepared,
                        String rule, BigDecimal share, BigDecimal left, BigDecimal asked, List<BigDecimal> split) {

        static List<BigDecimal> split(String amounts) {
            return amounts == null ? List.of() : java.util.Arrays.stream(amounts.split(",")).map(BigDecimal::new)
                    .toList();
        }

        /** The amount to pay: fixed already (an earlier run), or by the run's rule; rounded down to the cent. */
        BigDecimal payable(BigDecimal amount, BigDecimal fixed) {
            if (fixed != null) {
                return fixed;
            }
            return switch (rule) {
                case "aandeel" -> share;
                case "verhouding" -> amount == null || asked.signum() == 0 ? null
                        : amount.multiply(left).divide(asked, 2, RoundingMode.DOWN);
                default -> amount;
            };
        }
    }

    private static int[] batchCounts(Connection c, String sql, List<Object[]> rows) throws SQLException {
        int[] counts = new int[rows.size()];
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int done = 0;
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.get(i);
                for (int k = 0; k < row.length; k++) {
                    ps.setObject(k + 1, row[k]);
                }
                ps.addBatch();
                if ((i + 1) % 1000 == 0 || i == rows.size() - 1) {
                    int[] part = ps.executeBatch();
                    for (int k = 0; k < part.length; k++) {
                        // SUCCESS_NO_INFO (-2) is not used for these single-row updates by H2 or pgjdbc
                        counts[done + k] = part[k];
                    }
                    done += part.length;
                }
            }
        }
        return counts;
    }

    // ------------------------------------------------------------------------------------------------ worker

    private void submit(String runId) {
        if (background && working.add(runId)) {
            workers.execute(() -> {
                try {
                    work(runId, Integer.MAX_VALUE);
                } finally {
                    working.remove(runId);
                }
            });
        }
    }

    /** Looks for runs whose node stopped (lease expired) and resumes them here. */
    void resumeAbandoned() {
        try {
            for (String id : jdbc.query("select id from appreciation_run where status in (?, ?) and (lease_until is"
                    + " null or lease_until < ?)", rs -> rs.getString(1), PREPARING, RUNNING, now())) {
                submit(id);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not look for payment runs to resume: {}", e.toString());
        }
    }

    private void heartbeat() {
        for (String id : working) {
            try {
                jdbc.update("update appreciation_run set lease_until = ? where id = ? and lease_owner = ?",
                        now().plus(LEASE), id, node);
            } catch (RuntimeException e) {
                LOG.warn("Could not renew the lease of payment run {}: {}", id, e.toString());
            }
        }
    }

    /** Test hook: grants per preparation chunk. */
    public void chunkSize(int size) {
        this.chunkSize = size;
    }

    /** Claims the run, takes its remaining grants and writes the files not yet stored. Returns whether it finished. */
    public boolean work(String runId, int maxFiles) {
        return work(runId, Integer.MAX_VALUE, maxFiles);
    }

    /**
     * Claims the run, takes its remaining grants (at most {@code maxChunks} chunks) and writes the files not yet
     * stored (at most {@code maxFiles}); tests stop early to play a crash. Returns whether the run is finished.
     */
    public boolean work(String runId, int maxChunks, int maxFiles) {
        Instant now = now();
        int claimed = jdbc.update("update appreciation_run set lease_owner = ?, lease_until = ? where id = ? and status"
                + " in (?, ?) and (lease_owner is null or lease_until is null or lease_until < ? or lease_owner = ?)",
                node, now.plus(LEASE), runId, PREPARING, RUNNING, now, node);
        if (claimed == 0) {
            return false;
        }
        Header h = header(runId);
        try {
            for (int chunks = 0; PREPARING.equals(h.status()); chunks++) {
                if (chunks == maxChunks) {
                    return false;
                }
                prepareChunk(runId);
                h = header(runId);
            }
            if (!RUNNING.equals(h.status())) {
                return CANCELLED.equals(h.status());
            }
            int written = 0;
            for (int fileNo = 1; fileNo <= h.files(); fileNo++) {
                if (stored(runId, fileNo)) {
                    continue;
                }
                if (written == maxFiles) {
                    return false;
                }
                writeFile(h, fileNo);
                written++;
            }
            finish(h);
            return true;
        } catch (LeaseLost e) {
            LOG.warn("Payment run {} was taken over by another node (or closed)", runId);
            return false;
        } catch (DataAccessException e) {
            if (Jdbc.isUniqueViolation(e)) {
                // another worker stored this file first: it carries on, this one stops (never fail the run for it)
                LOG.warn("Payment run {}: a file was stored by another worker; this one stops", runId);
                return false;
            }
            LOG.error("Payment run {} of {} failed", runId, h.tenant(), e);
            fail(h, e);
            return false;
        } catch (RuntimeException | IOException e) {
            LOG.error("Payment run {} of {} failed", runId, h.tenant(), e);
            fail(h, e);
            return false;
        }
    }

    private record Header(String id, String tenant, int year, String status, SepaFormat format,
                          LocalDate executionDate, String base, nl.mantelkring.appreciation.internal.sepa.Debtor debtor,
                          String remittance, int files, Instant createdAt) {
    }

    private Header header(String runId) {
        return jdbc.queryOne("select * from appreciation_run where id = ?", rs -> new Header(rs.getString("id"),
                rs.getString("tenant"), rs.getInt("budget_year"), rs.getString("status"), "pain.001.001.03".equals(rs.getString("format"))
                        ? SepaFormat.PAIN_001_001_03 : SepaFormat.PAIN_001_001_09,
                rs.getObject("execution_date", LocalDate.class), rs.getString("message_base"),
                new nl.mantelkring.appreciation.internal.sepa.Debtor(rs.getString("debtor_name"),
                        rs.getString("debtor_iban"), rs.getString("debtor_bic")), rs.getString("remittance"),
                rs.getInt("files"), Jdbc.instant(rs, "created_at")), runId).orElseThrow();
    }

    private boolean stored(String runId, int fileNo) {
        return jdbc.count("select count(*) from appreciation_run_file where run_id = ? and file_no = ?", runId,
                fileNo) > 0;
    }

    private record Row(int seq, String grantId, BigDecimal amount, String endToEndId, String caregiverId) {
    }

    private void writeFile(Header h, int fileNo) throws IOException {
        List<Row> rows = jdbc.query("select p.seq, p.grant_id, p.amount, p.end_to_end_id, g.caregiver_id from"
                + " appreciation_payment p join appreciation_grant g on g.id = p.grant_id where p.run_id = ? and"
                + " p.file_no = ? and p.status = ? order by p.seq", rs -> new Row(rs.getInt(1), rs.getString(2),
                        rs.getBigDecimal(3), rs.getString(4), rs.getString(5)), h.id(), fileNo, IN_FILE);
        // name and IBAN, a thousand at a time; each read is audited per caregiver
        List<Transfer> transfers = new ArrayList<>(rows.size());
        List<Object[]> skipped = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += 1000) {
            List<Row> chunk = rows.subList(i, Math.min(rows.size(), i + 1000));
            Map<String, Payee> payees = directory.payees(h.tenant(), chunk.stream().map(Row::caregiverId).toList(),
                    "systeem:betaalrun", PURPOSE, h.id());
            for (Row r : chunk) {
                Payee p = payees.get(r.caregiverId());
                String problem = p == null ? "Mantelzorger niet (meer) geregistreerd of gewist."
                        : p.iban() == null ? "Geen IBAN bekend." : null;
                if (problem == null) {
                    try {
                        transfers.add(new Transfer(r.endToEndId(), r.amount(), p.name(), p.iban(), null,
                                h.remittance()));
                    } catch (IllegalArgumentException e) {
                        problem = "Gegevens niet bruikbaar voor SEPA: " + e.getMessage();
                    }
                }
                if (problem != null) {
                    skipped.add(new Object[] {r.grantId(), r.amount(), problem});
                }
            }
        }
        if (!skipped.isEmpty()) {
            skip(h, skipped);
        }
        if (transfers.isEmpty()) {
            return;
        }
        BigDecimal sum = transfers.stream().map(Transfer::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        String messageId = String.format("%s-%03d", h.base(), fileNo);
        SepaHeader header = new SepaHeader(messageId, OffsetDateTime.ofInstant(now(), ZONE), h.executionDate(),
                h.debtor(), transfers.size(), sum);
        store(h, fileNo, header, transfers);
    }

    /** Takes grants out of the run (no payee or IBAN): back to 'toegekend' with the reason; totals lowered. */
    private void skip(Header h, List<Object[]> skipped) {
        Instant now = now();
        jdbc.inTransaction(c -> {
            requireLease(c, h.id());
            BigDecimal sum = BigDecimal.ZERO;
            List<Object[]> payments = new ArrayList<>();
            List<Object[]> grants = new ArrayList<>();
            for (Object[] s : skipped) {
                payments.add(new Object[] {SKIPPED, s[2], h.id(), s[0]});
                grants.add(new Object[] {GRANTED, s[2], now, s[0], IN_RUN});
                sum = sum.add((BigDecimal) s[1]);
            }
            Jdbc.batch(c, "update appreciation_payment set status = ?, problem = ? where run_id = ? and grant_id = ?",
                    payments);
            Jdbc.batch(c, "update appreciation_grant set status = ?, run_id = null, payout_problem = ?,"
                    + " updated_at = ?, version = version + 1 where id = ? and status = ?", grants);
            Jdbc.update(c, "update appreciation_run set transactions = transactions - ?, total = total - ?,"
                    + " skipped = skipped + ? where id = ?", skipped.size(), sum, skipped.size(), h.id());
            return null;
        });
    }

    /**
     * Writes a file straight into the database, in parts of at most {@link #PART} bytes, re-reads it from there for
     * the recount and the XSD check, and records it with the run's progress: one transaction, only while we hold the
     * lease. Nothing is written to the node's disk (the file holds names and IBANs): a crash leaves at most an
     * uncommitted transaction, which the database rolls back.
     */
    private void store(Header h, int fileNo, SepaHeader header, List<Transfer> transfers) throws IOException {
        try {
            jdbc.inTransaction(c -> {
                requireLease(c, h.id());
                Jdbc.update(c, "insert into appreciation_run_file (run_id, file_no, message_id, transactions, total,"
                        + " sha256, size_bytes, created_at) values (?,?,?,?,?,'',0,?)", h.id(), fileNo,
                        header.messageId(), header.numberOfTransactions(), header.controlSum(), now());
                SepaTotals totals;
                PartWriter parts = new PartWriter(c, h.id(), fileNo);
                try {
                    totals = new SepaWriter(h.format()).write(parts, header, transfers.iterator());
                    parts.close();
                    SepaFiles.check(() -> new PartReader(c, h.id(), fileNo), h.format(), totals);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Jdbc.update(c, "update appreciation_run_file set sha256 = ?, size_bytes = ?, transactions = ?,"
                        + " total = ? where run_id = ? and file_no = ?", parts.sha256(), parts.size(),
                        totals.count(), totals.controlSum(), h.id(), fileNo);
                Jdbc.update(c, "update appreciation_run set written_files = written_files + 1, lease_until = ?"
                        + " where id = ?", now().plus(LEASE), h.id());
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** A file's bytes into {@code appreciation_run_file_part} rows of {@link #PART} bytes, hashed and counted. */
    private static final class PartWriter extends OutputStream {
        private final Connection c;
        private final String runId;
        private final int fileNo;
        private final MessageDigest sha;
        private final byte[] buffer = new byte[PART];
        private int filled;
        private int part;
        private long size;

        PartWriter(Connection c, String runId, int fileNo) {
            this.c = c;
            this.runId = runId;
            this.fileNo = fileNo;
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, PART - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
                size += n;
                if (filled == PART) {
                    writePart();
                }
            }
        }

        /** Writes the last, partial part (a flush does not: every part but the last is full). */
        @Override
        public void close() throws IOException {
            writePart();
        }

        private void writePart() throws IOException {
            if (filled == 0) {
                return;
            }
            sha.update(buffer, 0, filled);
            try {
                Jdbc.update(c, "insert into appreciation_run_file_part (run_id, file_no, part_no, content) values"
                        + " (?,?,?,?)", runId, fileNo, ++part, java.util.Arrays.copyOf(buffer, filled));
            } catch (SQLException e) {
                throw new IOException(e);
            }
            filled = 0;
        }

        String sha256() {
            return HexFormat.of().formatHex(sha.digest());
        }

        long size() {
            return size;
        }
    }

    /** Reads a stored file's parts in order, one part in memory at a time, on the given connection. */
    private static final class PartReader extends InputStream {
        private final Connection c;
        private final String runId;
        private final int fileNo;
        private int part;
        private InputStream current = InputStream.nullInputStream();
        private boolean done;

        PartReader(Connection c, String runId, int fileNo) {
            this.c = c;
            this.runId = runId;
            this.fileNo = fileNo;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!done) {
                int n = current.read(b, off, len);
                if (n >= 0 || len == 0) {
                    return n;
                }
                try {
                    List<byte[]> next = Jdbc.query(c, "select content from appreciation_run_file_part where run_id"
                            + " = ? and file_no = ? and part_no = ?", rs -> rs.getBytes(1), runId, fileNo, ++part);
                    if (next.isEmpty()) {
                        done = true;
                    } else {
                        current = new java.io.ByteArrayInputStream(next.get(0));
                    }
                } catch (SQLException e) {
                    throw new IOException(e);
                }
            }
            return -1;
        }
    }

    private static final class LeaseLost extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private void requireLease(Connection c, String runId) throws SQLException {
        requireLease(c, runId, RUNNING);
    }

    /** Locks the run's row; fails unless the run is in the given state and this node holds its lease. */
    private void requireLease(Connection c, String runId, String status) throws SQLException {
        List<String> owner = Jdbc.query(c, "select lease_owner from appreciation_run where id = ? and status = ?"
                + " for update", rs -> rs.getString(1), runId, status);
        if (owner.isEmpty() || !node.equals(owner.get(0))) {
            throw new LeaseLost();
        }
    }

    private void finish(Header h) {
        jdbc.inTransaction(c -> {
            requireLease(c, h.id());
            Object[] files = Jdbc.query(c, "select count(*), coalesce(sum(transactions), 0), coalesce(sum(total), 0)"
                    + " from appreciation_run_file where run_id = ?", rs -> new Object[] {rs.getInt(1), rs.getInt(2),
                            rs.getBigDecimal(3)}, h.id()).get(0);
            Object[] run = Jdbc.query(c, "select transactions, total from appreciation_run where id = ?",
                    rs -> new Object[] {rs.getInt(1), rs.getBigDecimal(2)}, h.id()).get(0);
            Object[] rows = Jdbc.query(c, "select count(*), coalesce(sum(amount), 0) from appreciation_payment where"
                    + " run_id = ? and status = ?", rs -> new Object[] {rs.getInt(1), rs.getBigDecimal(2)}, h.id(),
                    IN_FILE).get(0);
            // the files, the run and the payment rows must tell the same story, or nothing is released
            if (!files[1].equals(run[0]) || ((BigDecimal) files[2]).compareTo((BigDecimal) run[1]) != 0
                    || !rows[0].equals(run[0]) || ((BigDecimal) rows[1]).compareTo((BigDecimal) run[1]) != 0) {
                throw new IllegalStateException("Payment run " + h.id() + " does not add up: files " + files[1] + "/"
                        + files[2] + ", run " + run[0] + "/" + run[1] + ", payments " + rows[0] + "/" + rows[1]);
            }
            String status = (Integer) run[0] == 0 ? CANCELLED : READY;
            Jdbc.update(c, "update appreciation_run set status = ?, files = ?, finished_at = ?, lease_owner = null,"
                    + " lease_until = null, open_tenant = " + (READY.equals(status) ? "open_tenant" : "null")
                    + ", problem = ?, version = version + 1 where id = ?", status, files[0], now(),
                    READY.equals(status) ? null : "Geen enkele betaling kon in een bestand.", h.id());
            return null;
        });
    }

    private void fail(Header h, Exception cause) {
        String problem = "De bestanden konden niet worden gemaakt (" + cause.getClass().getSimpleName() + "). De"
                + " toekenningen zijn teruggezet; zie het log van de server.";
        try {
            jdbc.inTransaction(c -> {
                int n = Jdbc.update(c, "update appreciation_run set status = ?, open_tenant = null, problem = ?,"
                        + " lease_owner = null, lease_until = null, finished_at = ?, version = version + 1 where id = ?"
                        + " and status in (?, ?)", FAILED, problem, now(), h.id(), PREPARING, RUNNING);
                if (n > 0) {
                    release(c, h.id());
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("Could not mark payment run {} as failed; it will be resumed", h.id(), e);
        }
    }

    /** Puts a run's grants back (cancelled or failed run) and deletes its file contents (they hold IBANs). */
    private void release(Connection c, String runId) throws SQLException {
        // a split's amounts were fixed for the caregivers counted then: unpaid, they are fixed again by a next run
        Jdbc.update(c, "update appreciation_grant set payable = null where run_id = ? and status = ? and exists"
                + " (select 1 from appreciation_run r where r.id = ? and r.payable_rule = ?)", runId, IN_RUN, runId,
                SPLIT);
        Jdbc.update(c, "update appreciation_grant set status = ?, run_id = null, updated_at = ?, version = version + 1"
                + " where run_id = ? and status = ?", GRANTED, now(), runId, IN_RUN);
        Jdbc.update(c, "update appreciation_payment set status = ? where run_id = ? and status = ?", CANCELLED,
                runId, IN_FILE);
        Jdbc.update(c, "delete from appreciation_run_file_part where run_id = ?", runId);
    }

    /**
     * Before a voucher or vendor payout of a split ({@code verdeling}) is issued: fixes the grant's amount as a payment
     * run does ({@link AppreciationPolicy.Payout#splitShare}), under the decisions' lock. Returns false while it
     * cannot be fixed yet (the application window still runs and the policy fixes after it, or an application for
     * the same recipient is undecided) or when nothing is left to pay; true when the payout may be issued (also
     * for every other kind of payout).
     */
    public boolean fixForPayout(String tenant, Grant g) {
        if (g.payable() != null) {
            return g.payable().signum() > 0;
        }
        AppreciationPolicy rules;
        try {
            rules = applications.policy(tenant, g.year());
        } catch (ProblemException e) {
            return true;    // as before: the granted amount
        }
        if (!SPLIT.equals(rules.payout().kind())) {
            return true;
        }
        if (AppreciationPolicy.Payout.AFTER_WINDOW.equals(rules.payout().fixing())
                && !LocalDate.now(clock.withZone(ZONE)).isAfter(rules.window().until())) {
            return false;
        }
        boolean[] payable = {false};
        applications.inYearLock(tenant, g.year(), c -> {
            List<Object[]> row = Jdbc.query(c, "select recipient_id, amount, payable from appreciation_grant where id"
                    + " = ?" + HELD_BACK, rs -> new Object[] {rs.getString(1), rs.getBigDecimal(2),
                            rs.getBigDecimal(3)}, g.id());
            if (row.isEmpty()) {
                return;     // an application for the recipient is undecided
            }
            if (row.get(0)[2] != null) {
                payable[0] = ((BigDecimal) row.get(0)[2]).signum() > 0;
                return;
            }
            Object[] r = Jdbc.query(c, "select count(distinct caregiver_id), coalesce(sum(payable), 0) from"
                    + " appreciation_grant where tenant = ? and budget_year = ? and recipient_id = ?",
                    rs -> new Object[] {rs.getInt(1), rs.getBigDecimal(2)}, tenant, g.year(), row.get(0)[0]).get(0);
            List<BigDecimal> split = rules.payout().split();
            BigDecimal share = AppreciationPolicy.Payout.splitShare(split, (Integer) r[0], (BigDecimal) r[1],
                    (BigDecimal) row.get(0)[1]);
            Jdbc.update(c, "update appreciation_grant set payable = ?, payout_problem = ?, updated_at = ?, version ="
                    + " version + 1 where id = ? and payable is null", share, share.signum() > 0 ? null
                            : nothingLeft(AppreciationPolicy.Payout.splitTotal(split, (Integer) r[0])), now(), g.id());
            payable[0] = share.signum() > 0;
        });
        return payable[0];
    }

    // ------------------------------------------------------------------------------------------------ retention

    /**
     * Deletes the appreciation records (applications, grants, payment runs and their files) of years whose
     * retention has passed: kept for {@code bewaartermijnJaren} (payment policy, default 7, the fiscal retention
     * period) after the end of the year. Returns the number of tenant-years purged.
     */
    public int purgeExpired() {
        int purged = 0;
        int thisYear = LocalDate.now(clock.withZone(ZONE)).getYear();
        for (Object[] ty : jdbc.query("select tenant, budget_year from appreciation_year order by tenant, budget_year",
                rs -> new Object[] {rs.getString(1), rs.getInt(2)})) {
            String tenant = (String) ty[0];
            int year = (Integer) ty[1];
            int retention = 7;
            try {
                retention = paymentPolicy(tenant, year).retentionYears();
            } catch (ProblemException e) {
                // no or unusable payment policy: the default
            }
            if (year + retention >= thisYear) {
                continue;
            }
            jdbc.inTransaction(c -> {
                String runs = "(select id from appreciation_run where tenant = ? and budget_year = ?)";
                for (String table : new String[] {"appreciation_run_file_part", "appreciation_run_file",
                        "appreciation_payment"}) {
                    Jdbc.update(c, "delete from " + table + " where run_id in " + runs, tenant, year);
                }
                for (String table : new String[] {"appreciation_run", "appreciation_grant",
                        "appreciation_application", "appreciation_year"}) {
                    Jdbc.update(c, "delete from " + table + " where tenant = ? and budget_year = ?", tenant, year);
                }
                return null;
            });
            LOG.info("Appreciation records of {} for {} deleted: retention of {} years passed", tenant, year,
                    retention);
            purged++;
        }
        return purged;
    }

    // ------------------------------------------------------------------------------------------------ close

    /** The bank accepted the files: the run's grants are paid. */
    public Run confirm(String tenant, String runId, String actor) {
        Instant now = now();
        jdbc.inTransaction(c -> {
            int n = Jdbc.update(c, "update appreciation_run set status = ?, open_tenant = null, closed_at = ?,"
                    + " closed_by = ?, version = version + 1 where tenant = ? and id = ? and status = ?", CONFIRMED,
                    now, actor, tenant, runId, READY);
            if (n == 0) {
                throw notClosable(tenant, runId, "bevestigen");
            }
            Jdbc.update(c, "update appreciation_payment set status = ? where run_id = ? and status = ?", PAID, runId,
                    IN_FILE);
            Jdbc.update(c, "update appreciation_grant set status = ?, paid_at = ?, updated_at = ?,"
                    + " version = version + 1 where run_id = ? and status = ?", PAID, now, now, runId, IN_RUN);
            return null;
        });
        return find(tenant, runId).orElseThrow();
    }

    /** The files were not sent, or the bank refused them: the grants go back for a next run. */
    public Run cancel(String tenant, String runId, String actor) {
        Instant now = now();
        jdbc.inTransaction(c -> {
            int n = Jdbc.update(c, "update appreciation_run set status = ?, open_tenant = null, closed_at = ?,"
                    + " closed_by = ?, version = version + 1 where tenant = ? and id = ? and status = ?", CANCELLED,
                    now, actor, tenant, runId, READY);
            if (n == 0) {
                throw notClosable(tenant, runId, "annuleren");
            }
            release(c, runId);
            return null;
        });
        return find(tenant, runId).orElseThrow();
    }

    private ProblemException notClosable(String tenant, String runId, String what) {
        Run r = find(tenant, runId).orElseThrow(PaymentRuns::runNotFound);
        return ProblemException.conflict(RUNNING.equals(r.status()) || PREPARING.equals(r.status())
                ? "De bestanden worden nog gemaakt; " + what + " kan als de run gereed is."
                : "Deze betaalrun is " + r.status() + "; " + what + " kan alleen bij een gereede run.");
    }

    /** A paid transfer came back (e.g. account closed): recorded; the grant waits for correction. */
    public Grant recordReturn(String tenant, String grantId, LocalDate date, String reason) {
        jdbc.inTransaction(c -> {
            List<String> run = Jdbc.query(c, "select run_id from appreciation_grant where tenant = ? and id = ? and"
                    + " status = ? for update", rs -> rs.getString(1), tenant, grantId, PAID);
            if (run.isEmpty()) {
                throw grantConflict(tenant, grantId, "Alleen een betaalde toekenning kan worden teruggeboekt.");
            }
            Jdbc.update(c, "update appreciation_payment set status = ?, returned_on = ?, return_reason = ? where"
                    + " run_id = ? and grant_id = ?", RETURNED, date, reason, run.get(0), grantId);
            Jdbc.update(c, "update appreciation_grant set status = ?, paid_at = null, payout_problem = ?,"
                    + " updated_at = ?, version = version + 1 where id = ?", RETURNED, "Teruggeboekt: " + reason,
                    now(), grantId);
            return null;
        });
        return grant(tenant, grantId).orElseThrow();
    }

    /**
     * After the IBAN was corrected: a returned grant, or one left out of a run for want of an IBAN, goes into the
     * next run (with a new end-to-end id). Until then a run does not take it.
     */
    public Grant release(String tenant, String grantId) {
        int n = jdbc.update("update appreciation_grant set status = ?, run_id = null, payout_problem = null,"
                + " updated_at = ?, version = version + 1 where tenant = ? and id = ? and channel = 'geld' and (status"
                + " = ? or status = ? and payout_problem is not null)", GRANTED, now(), tenant, grantId, RETURNED,
                GRANTED);
        if (n == 0) {
            throw grantConflict(tenant, grantId, "Alleen een teruggeboekte of bij een betaalrun overgeslagen"
                    + " toekenning kan opnieuw worden vrijgegeven.");
        }
        return grant(tenant, grantId).orElseThrow();
    }

    private ProblemException grantConflict(String tenant, String grantId, String why) {
        Grant g = grant(tenant, grantId).orElseThrow(PaymentRuns::grantNotFound);
        return ProblemException.conflict("Deze toekenning is " + g.status() + ". " + why);
    }

    // ------------------------------------------------------------------------------------------------ read

    public Optional<Run> openRun(String tenant) {
        return jdbc.queryOne("select id from appreciation_run where open_tenant = ?", rs -> rs.getString(1), tenant)
                .flatMap(id -> find(tenant, id));
    }

    public Optional<Run> find(String tenant, String runId) {
        List<RunFile> files = jdbc.query("select * from appreciation_run_file where run_id = ? and exists (select 1"
                + " from appreciation_run r where r.id = run_id and r.tenant = ?) order by file_no",
                rs -> new RunFile(rs.getInt("file_no"), rs.getString("message_id"), rs.getInt("transactions"),
                        rs.getBigDecimal("total"), rs.getString("sha256"), rs.getLong("size_bytes")), runId, tenant);
        return jdbc.queryOne("select * from appreciation_run where tenant = ? and id = ?", rs -> new Run(
                rs.getString("id"), rs.getString("tenant"), rs.getInt("budget_year"), rs.getString("status"),
                rs.getString("format"), rs.getObject("execution_date", LocalDate.class), rs.getInt("max_per_file"),
                rs.getInt("transactions"), rs.getBigDecimal("total"), rs.getInt("files"), rs.getInt("written_files"),
                rs.getInt("skipped"), rs.getInt("prepared"), rs.getInt("candidates"), rs.getString("problem"), Jdbc.instant(rs, "created_at"),
                rs.getString("created_by"), Jdbc.instant(rs, "finished_at"), Jdbc.instant(rs, "closed_at"),
                rs.getString("closed_by"), files), tenant, runId);
    }

    public Page<Run> list(String tenant, PageRequest page) {
        long total = jdbc.count("select count(*) from appreciation_run where tenant = ?", tenant);
        List<String> ids = jdbc.query("select id from appreciation_run where tenant = ? order by created_at desc, id"
                + " offset " + page.offset() + " rows fetch next " + page.pageSize() + " rows only",
                rs -> rs.getString(1), tenant);
        return Page.of(ids.stream().map(id -> find(tenant, id).orElseThrow()).toList(), page, total);
    }

    /** Streams a stored file; empty when the run or file does not exist (or its content was deleted). */
    public boolean download(String tenant, String runId, int fileNo, OutputStream out) throws IOException {
        if (find(tenant, runId).map(r -> r.fileList().stream().noneMatch(f -> f.number() == fileNo)).orElse(true)) {
            return false;
        }
        int part = 0;
        while (true) {
            int next = ++part;
            Optional<byte[]> bytes = jdbc.queryOne("select content from appreciation_run_file_part where run_id = ?"
                    + " and file_no = ? and part_no = ?", rs -> rs.getBytes(1), runId, fileNo, next);
            if (bytes.isEmpty()) {
                return part > 1;
            }
            out.write(bytes.get());
        }
    }

    public Optional<Grant> grant(String tenant, String grantId) {
        return jdbc.queryOne("select * from appreciation_grant where tenant = ? and id = ?", PaymentRuns::grant,
                tenant, grantId).map(g -> g.provisional(applications.amountsProvisional(tenant, g.year())));
    }

    public Page<Grant> grants(String tenant, int year, String status, PageRequest page) {
        String where = " from appreciation_grant where tenant = ? and budget_year = ?"
                + (status == null ? "" : " and status = ?");
        Object[] params = status == null ? new Object[] {tenant, year} : new Object[] {tenant, year, status};
        long total = jdbc.count("select count(*)" + where, params);
        List<Grant> items = jdbc.query("select *" + where + " order by created_at, id offset " + page.offset()
                + " rows fetch next " + page.pageSize() + " rows only", PaymentRuns::grant, params);
        boolean provisional = applications.amountsProvisional(tenant, year);
        return Page.of(items.stream().map(g -> g.provisional(provisional)).toList(), page, total);
    }

    static Grant grant(ResultSet rs) throws SQLException {
        return new Grant(rs.getString("id"), rs.getString("application_id"), rs.getString("caregiver_id"),
                rs.getInt("budget_year"), rs.getBigDecimal("amount"), rs.getBigDecimal("payable"),
                rs.getString("channel"), rs.getString("status"), rs.getString("run_id"), rs.getInt("attempts"),
                Jdbc.instant(rs, "paid_at"), rs.getString("voucher_code"), rs.getString("payout_reference"),
                rs.getString("payout_problem"), false);
    }

    static ProblemException runNotFound() {
        return ProblemException.notFound("Geen betaalrun met dit id in deze gemeente.");
    }

    static ProblemException grantNotFound() {
        return ProblemException.notFound("Geen toekenning met dit id in deze gemeente.");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
