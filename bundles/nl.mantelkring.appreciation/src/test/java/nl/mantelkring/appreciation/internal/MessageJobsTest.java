package nl.mantelkring.appreciation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.appreciation.internal.messages.AppreciationMessages;
import nl.mantelkring.appreciation.internal.messages.FakeTemplates;
import nl.mantelkring.appreciation.internal.messages.Invitations;
import nl.mantelkring.appreciation.internal.messages.PayoutMessages;
import nl.mantelkring.appreciation.internal.payment.PaymentRuns;
import nl.mantelkring.platform.api.data.Jdbc;
import nl.mantelkring.platform.api.messages.MessageInfo;
import nl.mantelkring.platform.api.messages.OutgoingMessage;
import nl.mantelkring.platform.api.messages.Outbox;
import nl.mantelkring.platform.api.messages.Recipient;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyVersion;
import nl.mantelkring.platform.internal.H2Database;
import nl.mantelkring.registration.CaregiverDirectory;

/**
 * The message jobs on H2 with the real migrations: who is invited (and only once), and the "paid" messages of a
 * confirmed payment run (every paid grant once, resumable). The outbox stand-in stores in a table within the caller's
 * transaction and ignores a reference it has, as the platform's does.
 */
class MessageJobsTest {

    static final String T = "GM0363";
    static H2Database db;
    static Applications apps;
    static Jdbc jdbc;
    static AppreciationMessages messages;
    static final Map<String, String> policy = new HashMap<>();
    static final Map<String, Set<String>> consent = new HashMap<>();
    static final Set<String> erased = new HashSet<>();

    static final Outbox OUTBOX = new Outbox() {
        public String enqueue(OutgoingMessage m) {
            return jdbc.inTransaction(c -> enqueue(c, m));
        }

        public String enqueue(Connection c, OutgoingMessage m) throws SQLException {
            List<String> had = Jdbc.query(c, "select id from test_outbox where tenant = ? and reference = ?",
                    rs -> rs.getString(1), m.tenant(), m.reference());
            if (!had.isEmpty()) {
                return had.get(0);
            }
            String id = UUID.randomUUID().toString();
            Jdbc.update(c, "insert into test_outbox (id, tenant, reference, subject_id, subject, text) values"
                    + " (?,?,?,?,?,?)", id, m.tenant(), m.reference(), m.to().subjectId(), m.subject(), m.text());
            return id;
        }

        public List<MessageInfo> ofSubject(String tenant, String subjectId) {
            return List.of();
        }

        public int erase(Connection c, String tenant, String subjectId) {
            return 0;
        }
    };

    static final CaregiverDirectory DIRECTORY = new nl.mantelkring.appreciation.internal.messages.FakeDirectory(
            id -> erased.contains(id) ? Optional.empty() : Optional.of(new Recipient(id, "Mantelzorger "
                    + id.substring(0, 4), id.substring(0, 4) + "@example.org", null, List.of(), null)),
            (id, purpose) -> consent.getOrDefault(id, Set.of()).contains(purpose));

    static final PolicyStore POLICIES = new PolicyStore() {
        public Optional<PolicyVersion> current(String tenant, String key, int year) {
            return Optional.ofNullable(policy.get(key + "|" + year)).map(v -> new PolicyVersion(tenant, key, year, 1,
                    v, "test", Instant.EPOCH, "test"));
        }

        public Optional<PolicyVersion> latest(String tenant, String key, Integer year) {
            return Optional.empty();
        }

        public PolicyVersion save(String tenant, String key, Integer year, String value, String by, String reason) {
            throw new UnsupportedOperationException();
        }

        public List<PolicyVersion> history(String tenant, String key) {
            return List.of();
        }
    };

    @BeforeAll
    static void setUp() {
        db = new H2Database();
        apps = new Applications(db, POLICIES, DIRECTORY, null, Clock.fixed(Instant.parse("2027-01-10T09:00:00Z"),
                ZoneOffset.UTC));
        jdbc = apps.jdbc();
        db.execute("create table test_outbox (id varchar(36) primary key, tenant varchar(6), reference varchar(300),"
                + " subject_id varchar(36), subject varchar(200), text varchar(20000), unique (tenant, reference))");
        messages = new AppreciationMessages(OUTBOX, new FakeTemplates(), POLICIES, DIRECTORY);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @BeforeEach
    void empty() {
        for (String t : List.of("test_outbox", "appreciation_invitation", "appreciation_run_notice",
                "appreciation_voucher_notice", "appreciation_payment", "appreciation_grant", "appreciation_run",
                "appreciation_application")) {
            db.execute("delete from " + t);
        }
        policy.clear();
        consent.clear();
        erased.clear();
    }

    static String caregiver(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(prefix.length());
    }

    static String application(int year, String caregiverId) {
        String id = UUID.randomUUID().toString();
        jdbc.update("insert into appreciation_application (id, tenant, budget_year, caregiver_id, relation_id,"
                + " recipient_id, applicant, care_paid, status, evaluation, submitted_at, submitted_by, version,"
                + " intake_channel) values (?,?,?,?,?,?,?,?,?,?,?,?,1,?)", id, T, year, caregiverId,
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), "mantelzorger", false, "toegekend", "{}",
                Instant.parse(year + "-02-01T10:00:00Z"), "test", "balie");
        return id;
    }

    static List<String> references() {
        return jdbc.query("select reference from test_outbox order by reference", rs -> rs.getString(1));
    }

    // ------------------------------------------------------------------------------------------------ invitations

    @Test
    void onlyLastYearsConsentingApplicantsWhoDidNotApplyYetAreInvitedOnce() {
        policy.put("waardering.regels|2027", """
                {"aanvraagperiode": {"van": "2027-01-01", "totEnMet": "2027-03-01"}, "aanvragers": ["mantelzorger"],
                 "uitkering": {"soort": "vast", "bedrag": 100}}""");
        String newsletter = caregiver("aaaa");
        String contact = caregiver("bbbb");
        String none = caregiver("cccc");
        String appliedAlready = caregiver("dddd");
        String twoYearsAgo = caregiver("eeee");
        String gone = caregiver("ffff");
        String withdrawn = caregiver("abab");
        for (String cg : List.of(newsletter, contact, none, appliedAlready, gone, withdrawn)) {
            application(2026, cg);
        }
        application(2026, newsletter);   // two applications last year: still one invitation
        application(2027, appliedAlready);
        application(2025, twoYearsAgo);
        consent.put(newsletter, Set.of("nieuwsbrief"));
        consent.put(contact, Set.of("contact-steunpunt"));
        consent.put(appliedAlready, Set.of("nieuwsbrief"));
        consent.put(twoYearsAgo, Set.of("nieuwsbrief"));
        consent.put(withdrawn, Set.of("waardering"));
        consent.put(gone, Set.of("nieuwsbrief"));
        erased.add(gone);

        Invitations invitations = new Invitations(apps, messages, DIRECTORY, null, null);
        assertEquals(2, invitations.invite(T, 2027));
        assertEquals(List.of("waardering.uitnodiging/2027/" + newsletter, "waardering.uitnodiging/2027/" + contact),
                references());
        String text = jdbc.query("select text from test_outbox order by reference", rs -> rs.getString(1)).get(0);
        assertTrue(text.contains("van 1 januari 2027 tot en met 1 maart 2027"), text);
        // triggered again (or the daily job): nobody twice
        assertEquals(0, invitations.invite(T, 2027));
        assertEquals(2, references().size());
        // a consent given later: invited then, once
        consent.put(none, Set.of("nieuwsbrief"));
        assertEquals(1, invitations.invite(T, 2027));
        assertEquals(3, references().size());
    }

    @Test
    void noRulesForTheYearNoInvitation() {
        application(2026, caregiver("aaaa"));
        Invitations invitations = new Invitations(apps, messages, DIRECTORY, null, null);
        var e = org.junit.jupiter.api.Assertions.assertThrows(nl.mantelkring.platform.api.ProblemException.class,
                () -> invitations.invite(T, 2027));
        assertEquals(409, e.status());
        assertEquals(List.of(), references());
    }

    // ------------------------------------------------------------------------------------------------ paid

    /** A confirmed run with {@code n} paid grants (and one returned grant that gets no message). */
    static String confirmedRun(int n, String status, String grantStatus) {
        String run = UUID.randomUUID().toString();
        jdbc.update("insert into appreciation_run (id, tenant, budget_year, status, format, execution_date,"
                + " max_per_file, message_base, debtor_name, debtor_iban, transactions, total, files, written_files,"
                + " skipped, created_at, created_by, version) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)", run, T, 2026,
                status,
                "pain.001.001.03", LocalDate.of(2027, 4, 1), 1000, "MSG", "Gemeente", "NL91ABNA0417164300", n,
                BigDecimal.ZERO, 1, 1, 0, Instant.now(), "test");
        jdbc.inTransaction(c -> {
            List<Object[]> apps = new ArrayList<>();
            List<Object[]> grants = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String app = UUID.randomUUID().toString();
                String cg = UUID.randomUUID().toString();
                apps.add(new Object[] {app, T, 2026, cg, cg, cg, "mantelzorger", false, "toegekend", "{}",
                        Instant.parse("2026-02-01T10:00:00Z"), "test", "balie"});
                grants.add(new Object[] {UUID.randomUUID().toString(), T, 2026, app, "mz:" + cg, cg, cg,
                        new BigDecimal("100.00"), "geld", i == 0 ? "teruggeboekt" : grantStatus, Instant.now(), run,
                        Instant.parse("2027-04-01T08:00:00Z")});
            }
            Jdbc.batch(c, "insert into appreciation_application (id, tenant, budget_year, caregiver_id, relation_id,"
                    + " recipient_id, applicant, care_paid, status, evaluation, submitted_at, submitted_by, version,"
                    + " intake_channel) values (?,?,?,?,?,?,?,?,?,?,?,?,1,?)", apps);
            Jdbc.batch(c, "insert into appreciation_grant (id, tenant, budget_year, application_id, unit_key,"
                    + " caregiver_id, recipient_id, amount, channel, status, created_at, run_id, paid_at) values"
                    + " (?,?,?,?,?,?,?,?,?,?,?,?,?)", grants);
            return null;
        });
        return run;
    }

    @Test
    void everyPaidGrantOfAConfirmedRunGetsOneMessage() {
        String run = confirmedRun(1_201, PaymentRuns.CONFIRMED, PaymentRuns.PAID);
        confirmedRun(3, PaymentRuns.READY, PaymentRuns.IN_RUN);   // not confirmed: nothing yet
        PayoutMessages payout = new PayoutMessages(apps, null, null, messages, null, null);
        assertEquals(1_200, payout.paidRuns(() -> true));
        assertEquals(1_200, references().size());
        assertTrue(references().stream().allMatch(r -> r.startsWith("waardering.uitbetaald/")));
        assertEquals(List.of(1_200), jdbc.query("select messages from appreciation_run_notice where run_id = ? and"
                + " done_at is not null", rs -> rs.getInt(1), run));
        String text = jdbc.query("select text from test_outbox", rs -> rs.getString(1)).get(0);
        assertTrue(text.contains("1 april 2027") && text.contains("€ 100,00"), text);
        // again: nothing twice
        assertEquals(0, payout.paidRuns(() -> true));
        assertEquals(1_200, references().size());
    }

    @Test
    void anInterruptedRunResumesWhereItStopped() {
        confirmedRun(1_100, PaymentRuns.CONFIRMED, PaymentRuns.PAID);
        PayoutMessages payout = new PayoutMessages(apps, null, null, messages, null, null);
        int[] chunks = {0};
        // the lease is lost after the first chunk
        assertEquals(PayoutMessages_CHUNK, payout.paidRuns(() -> chunks[0]++ < 1));
        assertEquals(PayoutMessages_CHUNK, references().size());
        assertEquals(1_099 - PayoutMessages_CHUNK, payout.paidRuns(() -> true));
        assertEquals(1_099, references().size());
    }

    static final int PayoutMessages_CHUNK = 500;

    /**
     * Confirming a payment run of 100,000 grants and the "paid" messages that follow, on H2 (in memory). On demand:
     * {@code mvn -B -ntp -o -pl bundles/nl.mantelkring.appreciation test -Dtest=MessageJobsTest#benchmark
     * -Dbenchmark=true}.
     */
    @Test
    void benchmark() {
        Assumptions.assumeTrue(Boolean.getBoolean("benchmark"), "run with -Dbenchmark=true");
        int n = 100_000;
        String run = confirmedRun(n + 1, PaymentRuns.READY, PaymentRuns.IN_RUN);
        PaymentRuns runs = new PaymentRuns(apps, POLICIES, DIRECTORY, Clock.systemUTC(),
                Path.of(System.getProperty("java.io.tmpdir"), "mk-bench-none"), false);
        long t0 = System.nanoTime();
        runs.confirm(T, run, "beheerder");
        long t1 = System.nanoTime();
        PayoutMessages payout = new PayoutMessages(apps, null, null, messages, null, null);
        int stored = payout.paidRuns(() -> true);
        long t2 = System.nanoTime();
        runs.deactivate();
        assertEquals(n, stored);
        System.out.printf(Locale.ROOT, "confirm %d grants: %.2f s; paid messages: %d in %.1f s (%.0f/s)%n", n,
                (t1 - t0) / 1e9, stored, (t2 - t1) / 1e9, stored / ((t2 - t1) / 1e9));
    }

    // ------------------------------------------------------------------------------------------------ erasure

    @Test
    void erasureRemovesInvitationsAndExplanationsWhateverTheOrderOfTheModules() {
        String cg = caregiver("aaaa");
        String app = application(2026, cg);
        jdbc.update("insert into appreciation_invitation (tenant, budget_year, caregiver_id, message_id, created_at)"
                + " values (?,?,?,?,?)", T, 2027, cg, "m1", Instant.now());
        jdbc.update("insert into appreciation_information_request (id, tenant, application_id, caregiver_id,"
                + " explanation, requested_at, requested_by) values (?,?,?,?,?,?,?)", UUID.randomUUID().toString(), T,
                app, cg, "Stuur de indicatie.", Instant.now(), "consulent");
        // the application was pseudonymised first (AppreciationPrivacy handled the event before)
        jdbc.update("update appreciation_application set caregiver_id = ? where id = ?", UUID.randomUUID().toString(),
                app);
        List<nl.mantelkring.platform.api.audit.AuditEntry> audit = new ArrayList<>();
        var log = new nl.mantelkring.platform.api.audit.AuditLog() {
            public long record(nl.mantelkring.platform.api.audit.AuditEntry e) {
                audit.add(e);
                return 1;
            }

            public long record(Connection c, nl.mantelkring.platform.api.audit.AuditEntry e) {
                return record(e);
            }
        };
        var privacy = new nl.mantelkring.appreciation.internal.messages.MessagePrivacy(apps, log, DIRECTORY);
        privacy.handleEvent(new org.osgi.service.event.Event(nl.mantelkring.registration.RegistrationEvents.ERASED,
                Map.of(nl.mantelkring.registration.RegistrationEvents.TENANT, T,
                        nl.mantelkring.registration.RegistrationEvents.CAREGIVER_ID, cg)));
        assertEquals(0, jdbc.count("select count(*) from appreciation_invitation where caregiver_id = ?", cg));
        assertEquals(List.of("null/null"), jdbc.query("select explanation, caregiver_id from"
                + " appreciation_information_request where application_id = ?", rs -> rs.getString(1) + "/"
                + rs.getString(2), app));
        assertEquals(1, audit.size());
        assertEquals(cg, audit.get(0).subjectId());
        // again: nothing left, no entry
        privacy.handleEvent(new org.osgi.service.event.Event(nl.mantelkring.registration.RegistrationEvents.ERASED,
                Map.of(nl.mantelkring.registration.RegistrationEvents.TENANT, T,
                        nl.mantelkring.registration.RegistrationEvents.CAREGIVER_ID, cg)));
        assertEquals(1, audit.size());
    }
}
