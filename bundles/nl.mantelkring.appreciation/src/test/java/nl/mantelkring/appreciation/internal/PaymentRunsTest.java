package nl.mantelkring.appreciation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import nl.mantelkring.appreciation.PayoutChannel;
import nl.mantelkring.appreciation.PayoutResult;
import nl.mantelkring.appreciation.internal.payment.PaymentRuns;
import nl.mantelkring.appreciation.internal.payment.PaymentRuns.Grant;
import nl.mantelkring.appreciation.internal.payment.PaymentRuns.Run;
import nl.mantelkring.appreciation.internal.payment.Vouchers;
import nl.mantelkring.appreciation.internal.sepa.SepaFormat;
import nl.mantelkring.appreciation.internal.sepa.SepaValidator;
import nl.mantelkring.appreciation.internal.sepa.SepaVerifier;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.registration.CareRelationInfo;
import nl.mantelkring.registration.CaregiverInfo;

/**
 * Payment runs, returns and vouchers on H2 with the real migrations (registration, policy and plugins faked as in
 * {@link ApplicationsTest}). The expected amounts are worked out by hand from the policies below.
 */
class PaymentRunsTest {

    static final String A = ApplicationsTest.A;
    static final String B = ApplicationsTest.B;
    static final String FIXED_50 = """
            {"aanvraagperiode": {"van": "2026-11-10", "totEnMet": "2026-11-30"}, "aanvragers": ["mantelzorger"],
             "uitkering": {"soort": "vast", "bedrag": 50}, "kanaal": "%s"}""";
    static final String PAY = """
            {"rekeninghouder": "Gemeente Zwolle", "iban": "NL91 ABNA 0417 1643 00",
             "omschrijving": "Mantelzorgwaardering {jaar} gemeente Zwolle", "maxTransactiesPerBestand": 10}""";

    /** After the window (2026-11-30): the payment runs' clock; {@link #later} is past a lease. */
    static final Instant RUN_TIME = Instant.parse("2026-12-05T10:00:00Z");
    static final LocalDate EXECUTION = LocalDate.of(2026, 12, 10);

    @TempDir
    Path work;

    @BeforeAll
    static void setUp() {
        ApplicationsTest.setUp();
    }

    @AfterAll
    static void tearDown() {
        ApplicationsTest.tearDown();
    }

    @BeforeEach
    void empty() {
        new ApplicationsTest().empty();
        ApplicationsTest.policy.put(A + "|waardering.regels|2026", FIXED_50.formatted("geld"));
        ApplicationsTest.policy.put(A + "|waardering.betaling|2026", PAY);
    }

    PaymentRuns runs(Instant at) {
        return new PaymentRuns(ApplicationsTest.apps, ApplicationsTest.store, ApplicationsTest.directory,
                Clock.fixed(at, ZoneOffset.UTC), work, false);
    }

    /** n granted caregivers (own address each): their grant ids. */
    static List<String> grants(String tenant, int n) {
        return grants(tenant, 0, n);
    }

    /** n granted caregivers numbered from {@code from}: their grant ids. */
    static List<String> grants(String tenant, int from, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            String id = tenant.toLowerCase() + "-c" + i;
            ApplicationsTest.caregiver(tenant, id, 100 + i, "10");
            Applications.Stored s = ApplicationsTest.apply(tenant, id);
            assertEquals(Applications.GRANTED, s.status(), s.evaluation().toString());
            ids.add(s.grantId());
        }
        return ids;
    }

    /** Downloads every file of the run, checks it against the XSD and recounts it; returns end-to-end id counts. */
    static Map<String, Integer> files(PaymentRuns runs, Run run) throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        int count = 0;
        for (PaymentRuns.RunFile f : run.fileList()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertTrue(runs.download(A.equals(run.tenant()) ? A : B, run.id(), f.number(), out));
            Path tmp = Files.createTempFile("run", ".xml");
            Files.write(tmp, out.toByteArray());
            SepaValidator.requireValid(tmp, SepaFormat.PAIN_001_001_09);
            SepaVerifier.Verification v = SepaVerifier.verify(new ByteArrayInputStream(out.toByteArray()),
                    e2e -> seen.merge(e2e, 1, Integer::sum));
            Files.delete(tmp);
            assertTrue(v.consistent(), v.problems().toString());
            assertEquals(f.transactions(), v.count());
            assertEquals(0, f.total().compareTo(v.sum()));
            assertEquals(out.size(), f.size());
            total = total.add(v.sum());
            count += v.count();
        }
        assertEquals(run.transactions(), count);
        assertEquals(0, run.total().compareTo(total));
        return seen;
    }

    @Test
    void aRunPaysEveryGrantOnceInValidatedFilesAndIsIdempotent() throws IOException {
        List<String> ids = grants(A, 25);
        PaymentRuns runs = runs(RUN_TIME);
        PaymentRuns.Started s = runs.start(A, "beheerder", 2026, EXECUTION, null, null);
        assertTrue(s.created());
        assertEquals(PaymentRuns.RUNNING, s.run().status());
        assertEquals(25, s.run().transactions());
        assertEquals(new BigDecimal("1250.00"), s.run().total());   // 25 x 50
        assertEquals(3, s.run().files());                           // 10 + 10 + 5
        // repeating the request while the run is open gives the same run
        PaymentRuns.Started again = runs.start(A, "beheerder", 2026, EXECUTION, null, null);
        assertFalse(again.created());
        assertEquals(s.run().id(), again.run().id());

        assertTrue(runs.work(s.run().id(), Integer.MAX_VALUE));
        Run run = runs.find(A, s.run().id()).orElseThrow();
        assertEquals(PaymentRuns.READY, run.status());
        assertEquals(List.of(10, 10, 5), run.fileList().stream().map(PaymentRuns.RunFile::transactions).toList());
        Map<String, Integer> seen = files(runs, run);
        assertEquals(25, seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 1));
        for (String g : ids) {
            assertEquals(1, seen.get(g.replace("-", "") + "-1"), "grant " + g + " once, traceable by its id");
            assertEquals(PaymentRuns.IN_RUN, runs.grant(A, g).orElseThrow().status());
        }
        // every IBAN read was for this run, once per caregiver
        assertEquals(25, ApplicationsTest.ibanReads.size());
        assertTrue(ApplicationsTest.ibanReads.stream().allMatch(r -> r.endsWith("|" + run.id())));
        // not paid until the bank accepted; then paid and nothing is left to pay
        Run confirmed = runs.confirm(A, run.id(), "beheerder");
        assertEquals(PaymentRuns.CONFIRMED, confirmed.status());
        assertTrue(ids.stream().allMatch(g -> PaymentRuns.PAID.equals(runs.grant(A, g).orElseThrow().status())));
        // the year's report shows what was paid out, per channel and status
        ReportResource.Report report = new ReportResource(ApplicationsTest.apps).build(A, 2026);
        assertEquals(new BigDecimal("1250.00"), report.paidOut());
        assertEquals(List.of(new ReportResource.Payout("geld", PaymentRuns.PAID, 25, new BigDecimal("1250.00"))),
                report.payouts());
        assertTrue(ReportResource.csv(report).contains("uitbetaling,geld/betaald,,25,1250.00\r\n"));
        ProblemException nothing = assertThrows(ProblemException.class,
                () -> runs.start(A, "beheerder", 2026, EXECUTION, null, null));
        assertEquals(409, nothing.status());
        assertEquals(409, assertThrows(ProblemException.class, () -> runs.confirm(A, run.id(), "beheerder"))
                .status());
        // another tenant sees neither the run nor its files
        assertTrue(runs.find(B, run.id()).isEmpty());
        assertFalse(runs.download(B, run.id(), 1, new ByteArrayOutputStream()));
    }

    @Test
    void aRunWritesNoLocalFileAndLeftoversOfEarlierVersionsAreRemovedAtStart() throws IOException {
        // what an earlier version left after a crash mid-file: a temporary file with names and IBANs
        Path leftovers = work.resolve("betaalruns");
        Path part = leftovers.resolve("run-1").resolve("MKW0001-001-123.xml.part");
        Files.createDirectories(part.getParent());
        Files.writeString(part, "<Cdtr><Nm>Voor Naam</Nm></Cdtr><IBAN>NL91ABNA0417164300</IBAN>");
        new PaymentRuns(ApplicationsTest.apps, ApplicationsTest.store, ApplicationsTest.directory,
                Clock.fixed(RUN_TIME, ZoneOffset.UTC), leftovers, false);
        assertFalse(Files.exists(leftovers), "removed when the module starts");
        // a run needs no local folder at all: one that cannot be created (a file is in the way) does not matter
        grants(A, 3);
        Path blocked = work.resolve("not-a-folder");
        Files.writeString(blocked, "");
        PaymentRuns runs = new PaymentRuns(ApplicationsTest.apps, ApplicationsTest.store, ApplicationsTest.directory,
                Clock.fixed(RUN_TIME, ZoneOffset.UTC), blocked.resolve("betaalruns"), false);
        String id = runs.start(A, "beheerder", 2026, EXECUTION, null, null).run().id();
        assertTrue(runs.work(id, Integer.MAX_VALUE));
        Run run = runs.find(A, id).orElseThrow();
        assertEquals(PaymentRuns.READY, run.status(), run.problem());
        assertEquals(3, files(runs, run).size());
        try (var left = Files.walk(work)) {
            assertEquals(List.of(work, blocked), left.sorted().toList(), "nothing written locally");
        }
    }

    @Test
    void aRunInterruptedMidwayIsResumedByAnotherNodeAfterItsLeaseAndPaysEachGrantOnce() throws IOException {
        grants(A, 25);
        PaymentRuns first = runs(RUN_TIME);
        String id = first.start(A, "beheerder", 2026, EXECUTION, null, null).run().id();
        assertFalse(first.work(id, 1));            // one file stored, then the node "dies"
        assertEquals(1, first.find(A, id).orElseThrow().writtenFiles());
        PaymentRuns second = runs(RUN_TIME.plusSeconds(5));
        assertFalse(second.work(id, Integer.MAX_VALUE), "the lease of the first node still holds");
        PaymentRuns third = runs(RUN_TIME.plusSeconds(60));
        assertTrue(third.work(id, Integer.MAX_VALUE));
        Run run = third.find(A, id).orElseThrow();
        assertEquals(PaymentRuns.READY, run.status());
        assertEquals(3, run.fileList().size());
        Map<String, Integer> seen = files(third, run);
        assertEquals(25, seen.size());
        assertTrue(seen.values().stream().allMatch(n -> n == 1));
        // the first node coming back cannot store anything any more
        assertFalse(first.work(id, Integer.MAX_VALUE));
        assertEquals(3, first.find(A, id).orElseThrow().fileList().size());
    }

    @Test
    void aRunTakesItsGrantsInChunksAndANodeDyingBetweenChunksLosesAndDoublesNothing() throws IOException {
        List<String> ids = grants(A, 25);
        PaymentRuns first = runs(RUN_TIME);
        first.chunkSize(10);
        Run started = first.start(A, "beheerder", 2026, EXECUTION, null, null).run();
        // the first chunk is taken in the start request; the rest waits for the worker
        assertEquals(PaymentRuns.PREPARING, started.status());
        assertEquals(10, started.prepared());
        assertEquals(25, started.candidates());
        assertEquals(10, started.transactions());
        String id = started.id();
        assertFalse(first.work(id, 1, 0));          // one more chunk, then the node "dies"
        assertEquals(20, first.find(A, id).orElseThrow().prepared());
        // grants made after the start are not this run's (its watermark), even while it is still taking grants
        List<String> later = grants(A, 25, 3);
        PaymentRuns second = runs(RUN_TIME.plusSeconds(5));
        second.chunkSize(10);
        assertFalse(second.work(id, Integer.MAX_VALUE), "the lease of the first node still holds");
        PaymentRuns third = runs(RUN_TIME.plusSeconds(60));
        third.chunkSize(10);
        assertTrue(third.work(id, Integer.MAX_VALUE));
        Run run = third.find(A, id).orElseThrow();
        assertEquals(PaymentRuns.READY, run.status());
        assertEquals(25, run.transactions());
        assertEquals(new BigDecimal("1250.00"), run.total());
        assertEquals(List.of(10, 10, 5), run.fileList().stream().map(PaymentRuns.RunFile::transactions).toList());
        Map<String, Integer> seen = files(third, run);
        assertEquals(25, seen.size());
        for (String g : ids) {
            assertEquals(1, seen.get(g.replace("-", "") + "-1"), "grant " + g + " exactly once");
        }
        assertTrue(later.stream().allMatch(g -> PaymentRuns.GRANTED.equals(third.grant(A, g).orElseThrow()
                .status())));
        // the node that died cannot add anything when it comes back
        assertFalse(first.work(id, Integer.MAX_VALUE));
        assertEquals(25, ApplicationsTest.apps.jdbc().count("select count(*) from appreciation_payment where run_id"
                + " = ?", id));
        third.confirm(A, id, "beheerder");
        Run next = third.start(A, "beheerder", 2026, EXECUTION, null, null).run();
        assertEquals(3, next.transactions(), "the grants made during the first run go in the next");
    }

    @Test
    void aGrantWithoutIbanIsLeftOutWithItsReasonAndTheTotalsFollow() throws IOException {
        List<String> ids = grants(A, 12);
        ApplicationsTest.noIban.add("gm0363-c3");
        PaymentRuns runs = runs(RUN_TIME);
        String id = runs.start(A, "beheerder", 2026, EXECUTION, null, null).run().id();
        assertTrue(runs.work(id, Integer.MAX_VALUE));
        Run run = runs.find(A, id).orElseThrow();
        assertEquals(11, run.transactions());
        assertEquals(new BigDecimal("550.00"), run.total());
        assertEquals(1, run.skipped());
        files(runs, run);
        PaymentRuns.Grant skipped = runs.grant(A, ids.get(3)).orElseThrow();
        assertEquals(PaymentRuns.GRANTED, skipped.status());
        assertEquals("Geen IBAN bekend.", skipped.problem());
        assertNull(skipped.runId());
        // a next run does not take it until it is released (after the IBAN was added)
        runs.confirm(A, id, "beheerder");
        assertEquals(409, assertThrows(ProblemException.class,
                () -> runs.start(A, "beheerder", 2026, EXECUTION, null, null)).status());
        ApplicationsTest.noIban.clear();
        assertNull(runs.release(A, ids.get(3)).problem());
        Run next = runs.start(A, "beheerder", 2026, EXECUTION, null, null).run();
        assertEquals(1, next.transactions());
    }

    @Test
    void proRataWaitsForTheWindowToCloseThenDividesTheBudgetRoundedDownAndCapped() {
        ApplicationsTest.policy.put(A + "|waardering.regels|2026", """
                {"aanvraagperiode": {"van": "2026-11-10", "totEnMet": "2026-11-30"}, "aanvragers": ["mantelzorger"],
                 "uitkering": {"soort": "pro-rata", "plafond": 40}, "budget": 100}""");
        List<String> ids = grants(A, 3);
        ProblemException early = assertThrows(ProblemException.class, () -> runs(Instant.parse(
                "2026-11-30T12:00:00Z")).start(A, "beheerder", 2026, EXECUTION, null, null));
        assertEquals(409, early.status());
        assertTrue(early.getMessage().contains("aanvraagperiode") || early.detail().contains("aanvraagperiode"));
        PaymentRuns runs = runs(RUN_TIME);
        runs.chunkSize(2);      // the share is fixed at the start, the same for every chunk
        Run run = runs.start(A, "beheerder", 2026, EXECUTION, null, null).run();
        assertTrue(runs.work(run.id(), Integer.MAX_VALUE));
        run = runs.find(A, run.id()).orElseThrow();
        // 100 / 3 = 33.333.. -> 33.33 each (under the cap of 40); 99.99 in all, never more than the budget
        assertEquals(new BigDecimal("99.99"), run.total());
        assertTrue(ids.stream().allMatch(g -> new BigDecimal("33.33").equals(runs.grant(A, g).orElseThrow()
                .payable())));
    }

    @Test
    void aReturnedPaymentIsPaidAgainAfterReleaseWithANewEndToEndId() throws IOException {
        List<String> ids = grants(A, 2);
        PaymentRuns runs = runs(RUN_TIME);
        String first = runs.start(A, "beheerder", 2026, EXECUTION, null, null).run().id();
        runs.work(first, Integer.MAX_VALUE);
        assertEquals(409, assertThrows(ProblemException.class, () -> runs.recordReturn(A, ids.get(0),
                LocalDate.of(2026, 12, 12), "rekening-opgeheven")).status(), "not paid yet");
        runs.confirm(A, first, "beheerder");
        assertEquals(PaymentRuns.RETURNED, runs.recordReturn(A, ids.get(0), LocalDate.of(2026, 12, 12),
                "rekening-opgeheven").status());
        // not in a run until released (after the IBAN was corrected)
        assertEquals(409, assertThrows(ProblemException.class,
                () -> runs.start(A, "beheerder", 2026, EXECUTION, null, null)).status());
        assertEquals(PaymentRuns.GRANTED, runs.release(A, ids.get(0)).status());
        Run second = runs.start(A, "beheerder", 2026, EXECUTION, null, null).run();
        assertEquals(1, second.transactions());
        runs.work(second.id(), Integer.MAX_VALUE);
        Map<String, Integer> seen = files(runs, runs.find(A, second.id()).orElseThrow());
        assertEquals(Map.of(ids.get(0).replace("-", "") + "-2", 1), seen);
        assertEquals(PaymentRuns.PAID, runs.grant(A, ids.get(1)).orElseThrow().status(), "the other stays paid");
    }

    @Test
    void aCancelledRunGivesItsGrantsBackAndDeletesTheFiles() {
        List<String> ids = grants(A, 3);
        PaymentRuns runs = runs(RUN_TIME);
        String id = runs.start(A, "beheerder", 2026, EXECUTION, null, null).run().id();
        runs.work(id, Integer.MAX_VALUE);
        assertEquals(PaymentRuns.CANCELLED, runs.cancel(A, id, "beheerder").status());
        assertTrue(ids.stream().allMatch(g -> PaymentRuns.GRANTED.equals(runs.grant(A, g).orElseThrow().status())));
        assertEquals(0, ApplicationsTest.db.execute("delete from appreciation_run_file_part where run_id = '" + id
                + "'"));
        Run next = runs.start(A, "beheerder", 2026, EXECUTION, null, null).run();
        assertEquals(3, next.transactions());
        assertEquals(1, runs.list(A, PageRequest.parse(null, null)).items().stream()
                .filter(r -> r.status().equals(PaymentRuns.CANCELLED)).count());
    }

    @Test
    void vouchersHaveUnguessableCodesAndAreRedeemedOnce() {
        ApplicationsTest.policy.put(A + "|waardering.regels|2026", FIXED_50.formatted("waardebon"));
        List<String> ids = grants(A, 2);
        PaymentRuns runs = runs(Instant.parse("2026-11-20T10:00:00Z"));
        Vouchers vouchers = new Vouchers(ApplicationsTest.apps, runs, ApplicationsTest.plugins,
                Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));
        List<String> codes = new ArrayList<>();
        for (String g : ids) {
            PaymentRuns.Grant issued = vouchers.issue(A, g, false);
            assertEquals(Vouchers.ISSUED, issued.status());
            assertTrue(issued.voucherCode().matches("[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}"),
                    issued.voucherCode());
            codes.add(issued.voucherCode());
        }
        assertFalse(codes.get(0).equals(codes.get(1)));
        Vouchers.Voucher v = vouchers.voucher(A, codes.get(0)).orElseThrow();
        assertEquals(new BigDecimal("50.00"), v.amount());
        assertEquals(LocalDate.of(2027, 11, 20), v.validUntil());   // 12 months (the policy's default)
        assertEquals(Vouchers.REDEEMED, vouchers.redeem(A, codes.get(0), "consulent").status());
        assertEquals(409, assertThrows(ProblemException.class, () -> vouchers.redeem(A, codes.get(0), "consulent"))
                .status());
        assertTrue(vouchers.voucher(B, codes.get(1)).isEmpty(), "another tenant cannot see it");
        // vouchers never go into a bank payment run
        assertEquals(409, assertThrows(ProblemException.class,
                () -> runs(RUN_TIME).start(A, "beheerder", 2026, EXECUTION, null, null)).status());
    }

    @Test
    void aVendorPayoutChannelIsCalledOnceAndItsFailuresAreKeptNotHidden() {
        ApplicationsTest.policy.put(A + "|waardering.regels|2026", FIXED_50.formatted("plugin:cadeaukaart"));
        List<String> ids = grants(A, 1);
        PaymentRuns runs = runs(Instant.parse("2026-11-20T10:00:00Z"));
        Vouchers vouchers = new Vouchers(ApplicationsTest.apps, runs, ApplicationsTest.plugins,
                Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));
        // not installed: the grant waits with a clear problem
        PaymentRuns.Grant missing = vouchers.issue(A, ids.get(0), false);
        assertEquals(PaymentRuns.GRANTED, missing.status());
        assertTrue(missing.problem().contains("niet geïnstalleerd"), missing.problem());
        // a channel that throws
        List<String> calls = new ArrayList<>();
        ApplicationsTest.pluginMap.put(A + "|cadeaukaart", new PayoutChannel() {
            public String name() {
                return "Cadeaukaart";
            }

            public PayoutResult issue(nl.mantelkring.appreciation.PayoutRequest r) {
                calls.add(r.grantId() + " " + r.amount());
                if (calls.size() == 1) {
                    throw new IllegalStateException("provider down");
                }
                return new PayoutResult("KAART-123", "Te besteden bij winkels in de stad.");
            }
        });
        assertEquals(PaymentRuns.GRANTED, vouchers.issue(A, ids.get(0), true).status());
        PaymentRuns.Grant ok = vouchers.issue(A, ids.get(0), true);
        assertEquals(Vouchers.ISSUED, ok.status());
        assertEquals("KAART-123", ok.payoutReference());
        assertNull(ok.problem());
        assertEquals(List.of(ids.get(0) + " 50.00", ids.get(0) + " 50.00"), calls);
        assertEquals(409, assertThrows(ProblemException.class, () -> vouchers.issue(A, ids.get(0), true)).status());
    }

    @Test
    void recordsAreKeptForTheRetentionYearsAfterTheirYearThenDeleted() {
        grants(A, 2);
        PaymentRuns runs = runs(RUN_TIME);
        String id = runs.start(A, "beheerder", 2026, EXECUTION, null, null).run().id();
        runs.work(id, Integer.MAX_VALUE);
        runs.confirm(A, id, "beheerder");
        assertEquals(0, runs(Instant.parse("2033-12-31T12:00:00Z")).purgeExpired(), "2026 + 7 = 2033: still kept");
        assertEquals(1, runs(Instant.parse("2034-01-01T12:00:00Z")).purgeExpired());
        assertEquals(0, ApplicationsTest.apps.grants(A, 2026));
        assertTrue(runs.find(A, id).isEmpty());
        assertEquals(0, ApplicationsTest.db.execute("delete from appreciation_application"));
    }

    /**
     * The Hilversum rule (domain.md): EUR 150 per care recipient split over at most three caregivers, 150 / 75 / 50 -
     * one caregiver 150, two 75 each, three 50 each, never more than 150 per recipient in a year. Applications are made
     * on 20 November 2026 (ApplicationsTest's clock), in the window 1 October - 31 December 2026.
     */
    @Nested
    class Split {

        static final String HILVERSUM = """
                {"aanvraagperiode": {"van": "2026-10-01", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
                 "eenheid": "zorgvrager", "uitkering": {"soort": "verdeling", "bedragen": [150, 75, 50]%s},
                 "automatischToekennen": %s, "kanaal": "%s"}""";
        static final Instant IN_WINDOW = Instant.parse("2026-12-05T10:00:00Z");
        static final Instant AFTER_WINDOW = Instant.parse("2027-01-05T10:00:00Z");
        static final LocalDate EXECUTION = LocalDate.of(2027, 1, 10);

        @BeforeEach
        void hilversum() {
            policy("", true, "geld");
        }

        static void policy(String fixing, boolean auto, String channel) {
            ApplicationsTest.policy.put(A + "|waardering.regels|2026", HILVERSUM.formatted(fixing, auto, channel));
        }

        private static int house = 1;

        /** A caregiver caring for {@code recipient}; applies at once; the stored application. */
        static Applications.Stored careFor(String caregiver, String recipient) {
            ApplicationsTest.caregivers.put(A + "|" + caregiver, new CaregiverInfo(caregiver, A, "Voor", null,
                    "Naam " + caregiver, LocalDate.of(1970, 1, 1), "3511 AB", house++, null, true, null, false, true,
                    true, Instant.EPOCH));
            ApplicationsTest.relations.put(A + "|" + caregiver, List.of(new CareRelationInfo("rel-" + caregiver,
                    caregiver, recipient, "ouder", LocalDate.of(2024, 1, 1), new BigDecimal("10"), Set.of("huishouden"),
                    true, true, false, false, false, true, null, null)));
            return ApplicationsTest.apply(A, caregiver);
        }

        static String granted(String caregiver, String recipient) {
            Applications.Stored s = careFor(caregiver, recipient);
            assertEquals(Applications.GRANTED, s.status(), s.evaluation().toString());
            return s.grantId();
        }

        /** Runs a payment run to the end; the amount per grant id as it is in the SEPA files. */
        static Map<String, BigDecimal> paid(PaymentRuns runs, String runId) throws Exception {
            runs.work(runId, Integer.MAX_VALUE);
            Run run = runs.find(A, runId).orElseThrow();
            assertEquals(PaymentRuns.READY, run.status(), String.valueOf(run.problem()));
            files(runs, run);   // valid, recounted
            Map<String, BigDecimal> amounts = new HashMap<>();
            for (PaymentRuns.RunFile f : run.fileList()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                assertTrue(runs.download(A, runId, f.number(), out));
                DocumentBuilderFactory dbf = DocumentBuilderFactory.newDefaultInstance();
                dbf.setNamespaceAware(true);
                Document doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray()));
                NodeList tx = doc.getElementsByTagNameNS("*", "CdtTrfTxInf");
                for (int i = 0; i < tx.getLength(); i++) {
                    Element t = (Element) tx.item(i);
                    String e2e = t.getElementsByTagNameNS("*", "EndToEndId").item(0).getTextContent();
                    amounts.put(e2e.substring(0, e2e.lastIndexOf('-')), new BigDecimal(t.getElementsByTagNameNS("*",
                            "InstdAmt").item(0).getTextContent()));
                }
            }
            return amounts;
        }

        static BigDecimal eur(String amount) {
            return new BigDecimal(amount);
        }

        static String e2e(String grantId) {
            return grantId.replace("-", "");
        }

        @Test
        void oneTwoOrThreeCaregiversShareTheRecipientsAmountFixedByTheRunAfterTheWindow() throws Exception {
            List<String> three = List.of(granted("a1", "r3"), granted("a2", "r3"), granted("a3", "r3"));
            List<String> two = List.of(granted("b1", "r2"), granted("b2", "r2"));
            String one = granted("c1", "r1");
            // a fourth caregiver of the same recipient: refused, Hilversum splits over at most three
            Applications.Stored fourth = careFor("a4", "r3");
            assertEquals(Applications.REJECTED, fourth.status());
            assertTrue(fourth.evaluation().rules().stream().anyMatch(r -> r.rule().equals("mantelzorgersPerZorgvrager")
                    && !r.passed()));
            // before the run: each grant shows the share for the caregivers granted so far, marked provisional
            PaymentRuns before = runs(IN_WINDOW);
            for (String g : three) {
                Grant grant = before.grant(A, g).orElseThrow();
                assertEquals(eur("50.00"), grant.amount());
                assertTrue(grant.provisional());
                assertNull(grant.payable());
            }
            assertEquals(eur("75.00"), before.grant(A, two.get(0)).orElseThrow().amount());
            assertEquals(eur("150.00"), before.grant(A, one).orElseThrow().amount());
            Applications.Stored firstOfThree = ApplicationsTest.apps.find(A, before.grant(A, three.get(0)).orElseThrow()
                    .applicationId()).orElseThrow();
            assertEquals(eur("50.00"), firstOfThree.amount());
            assertTrue(firstOfThree.provisional());
            // the budget counts 150 per recipient, not 150 + 75 + 50
            assertEquals(eur("450.00"), ApplicationsTest.apps.committed(A, 2026));
            // the number of caregivers is final only after the window: no run before
            ProblemException early = assertThrows(ProblemException.class,
                    () -> before.start(A, "beheerder", 2026, EXECUTION, null, null));
            assertEquals(409, early.status());
            assertEquals("urn:nl:mantelkring:probleem:aanvraagperiode-loopt", early.type());

            PaymentRuns after = runs(AFTER_WINDOW);
            PaymentRuns.Started s = after.start(A, "beheerder", 2026, EXECUTION, null, null);
            Map<String, BigDecimal> amounts = paid(after, s.run().id());
            assertEquals(6, amounts.size());
            for (String g : three) {
                assertEquals(eur("50.00"), amounts.get(e2e(g)));
            }
            for (String g : two) {
                assertEquals(eur("75.00"), amounts.get(e2e(g)));
            }
            assertEquals(eur("150.00"), amounts.get(e2e(one)));
            assertEquals(eur("450.00"), after.find(A, s.run().id()).orElseThrow().total());
            Grant fixed = after.grant(A, three.get(0)).orElseThrow();
            assertEquals(eur("50.00"), fixed.payable());
            assertFalse(fixed.provisional());
        }

        @Test
        void anUndecidedApplicationForTheRecipientHoldsItsGrantsBack() throws Exception {
            policy("", false, "geld");
            Applications.Stored a = careFor("a1", "r1");
            Applications.Stored b = careFor("a2", "r1");
            ApplicationsTest.apps.approve(A, a.id(), "consulent", "akkoord");
            // b undecided: a consultant may still grant it, which halves a's share; a waits
            PaymentRuns runs = runs(AFTER_WINDOW);
            assertEquals(409, assertThrows(ProblemException.class,
                    () -> runs.start(A, "beheerder", 2026, EXECUTION, null, null)).status());
            ApplicationsTest.apps.approve(A, b.id(), "consulent", "akkoord");
            Map<String, BigDecimal> amounts = paid(runs, runs.start(A, "beheerder", 2026, EXECUTION, null, null)
                    .run().id());
            assertEquals(Map.of(e2e(ApplicationsTest.apps.find(A, a.id()).orElseThrow().grantId()), eur("75.00"),
                    e2e(ApplicationsTest.apps.find(A, b.id()).orElseThrow().grantId()), eur("75.00")), amounts);
        }

        @Test
        void fixedAtEachRunWhenThePolicySaysSoAndWhatIsPaidIsNeverPaidAgain() throws Exception {
            policy(", \"vaststelling\": \"bij-betaalrun\"", true, "geld");
            String first = granted("a1", "r1");
            PaymentRuns runs = runs(IN_WINDOW);
            // a run in the window fixes the share for the caregivers granted so far; cancelled, it is fixed again later
            String cancelled = runs.start(A, "beheerder", 2026, EXECUTION, null, null).run().id();
            assertEquals(eur("150.00"), paid(runs, cancelled).get(e2e(first)));
            runs.cancel(A, cancelled, "beheerder");
            assertNull(runs.grant(A, first).orElseThrow().payable());
            String second = granted("a2", "r1");
            String run = runs.start(A, "beheerder", 2026, EXECUTION, null, null).run().id();
            assertEquals(Map.of(e2e(first), eur("75.00"), e2e(second), eur("75.00")), paid(runs, run));
            runs.confirm(A, run, "beheerder");
            // a third caregiver after both were paid 75: the recipient's 150 is spent, nothing is left for the third
            String third = granted("a3", "r1");
            assertEquals(eur("50.00"), runs.grant(A, third).orElseThrow().amount());
            PaymentRuns.Started nothing = runs.start(A, "beheerder", 2026, EXECUTION, null, null);
            assertEquals(PaymentRuns.CANCELLED, nothing.run().status());
            Grant late = runs.grant(A, third).orElseThrow();
            assertEquals(eur("0.00"), late.payable());
            assertTrue(late.problem().startsWith("Niets uit te betalen"), late.problem());
            assertEquals(409, assertThrows(ProblemException.class,
                    () -> runs.start(A, "beheerder", 2026, EXECUTION, null, null)).status());
        }

        /** Blaricum, Eemnes, Laren: the split, lowered in proportion when more was granted than budgeted. */
        @Test
        void aSplitOverBudgetIsLoweredInProportionAndStaysWithinTheBudget() throws Exception {
            ApplicationsTest.policy.put(A + "|waardering.regels|2026", """
                    {"aanvraagperiode": {"van": "2026-10-01", "totEnMet": "2026-12-31"}, "aanvragers": ["mantelzorger"],
                     "eenheid": "zorgvrager", "uitkering": {"soort": "verdeling", "bedragen": [150, 75, 50]},
                     "budget": 200, "bijUitputting": "pro-rata"}""");
            String a = granted("a1", "r1");
            String b = granted("a2", "r1");
            String c = granted("b1", "r2");
            assertEquals(eur("300.00"), ApplicationsTest.apps.committed(A, 2026));   // 150 per recipient
            PaymentRuns runs = runs(AFTER_WINDOW);
            // asked 75 + 75 + 150 = 300 of a budget of 200: two thirds each, rounded down
            assertEquals(Map.of(e2e(a), eur("50.00"), e2e(b), eur("50.00"), e2e(c), eur("100.00")),
                    paid(runs, runs.start(A, "beheerder", 2026, EXECUTION, null, null).run().id()));
        }

        @Test
        void vouchersOfASplitAreIssuedWithTheFixedShareAfterTheWindow() {
            policy("", true, "waardebon");
            String first = granted("a1", "r1");
            String second = granted("a2", "r1");
            PaymentRuns inWindow = runs(IN_WINDOW);
            Vouchers early = new Vouchers(ApplicationsTest.apps, inWindow, ApplicationsTest.plugins,
                    Clock.fixed(IN_WINDOW, ZoneOffset.UTC));
            assertEquals(PaymentRuns.GRANTED, early.issue(A, first, false).status());   // not yet: the share may drop
            assertEquals(409, assertThrows(ProblemException.class, () -> early.issue(A, first, true)).status());
            PaymentRuns after = runs(AFTER_WINDOW);
            Vouchers vouchers = new Vouchers(ApplicationsTest.apps, after, ApplicationsTest.plugins,
                    Clock.fixed(AFTER_WINDOW, ZoneOffset.UTC));
            for (String g : List.of(first, second)) {
                Grant issued = vouchers.issue(A, g, false);
                assertEquals(Vouchers.ISSUED, issued.status());
                assertEquals(eur("75.00"), vouchers.voucher(A, issued.voucherCode()).orElseThrow().amount());
            }
        }
    }
}
