package nl.mantelkring.appreciation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.appreciation.EligibilityInput;
import nl.mantelkring.appreciation.EligibilityRule;
import nl.mantelkring.appreciation.RuleOutcome;
import nl.mantelkring.appreciation.internal.rules.Evaluator;

/**
 * Vendor rules that hang, throw, answer nonsense or are missing never grant and never block: the application waits
 * for a consultant with a Dutch reason, within the time limit, and the tenant-year lock is not held meanwhile. A rule
 * sees only the tenant and the facts of the application it judges.
 */
class VendorRuleContainmentTest {

    static final String A = ApplicationsTest.A;
    static final String B = ApplicationsTest.B;
    static final String POLICY = """
            {"aanvraagperiode": {"van": "2026-11-10", "totEnMet": "2027-03-01"}, "aanvragers": ["mantelzorger"],
             "uitkering": {"soort": "vast", "bedrag": 100}, "extraRegels": ["lokale-regel"]}""";

    private final CountDownLatch release = new CountDownLatch(1);
    private Applications apps;

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
        ApplicationsTest.policy.put(A + "|waardering.regels|2026", POLICY);
        ApplicationsTest.policy.put(B + "|waardering.regels|2026", POLICY);
        apps = new Applications(ApplicationsTest.db, ApplicationsTest.store, ApplicationsTest.directory,
                ApplicationsTest.plugins, Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC),
                Duration.ofSeconds(30), 2);
    }

    @AfterEach
    void stop() {
        release.countDown();
        apps.deactivate();
    }

    private Applications.Stored apply(String tenant, String caregiverId) {
        return apps.apply(tenant, "consulent", new Applications.NewApplication(2026, caregiverId,
                "rel-" + caregiverId, "mantelzorger", false, null, Applications.BALIE));
    }

    private static void rule(String tenant, EligibilityRule rule) {
        ApplicationsTest.pluginMap.put(tenant + "|lokale-regel", rule);
    }

    private static Evaluator.RuleResult vendorResult(Applications.Stored s) {
        return s.evaluation().rules().stream().filter(r -> r.rule().equals("lokale-regel")).findFirst().orElseThrow();
    }

    private static void waits(Applications.Stored s, String because) {
        assertEquals(Applications.WAITING, s.status(), s.evaluation().toString());
        assertEquals(Evaluator.WAIT, s.evaluation().outcome());
        assertNull(s.grantId());
        assertNull(s.amount());
        Evaluator.RuleResult r = vendorResult(s);
        assertTrue(!r.passed() && r.reason().contains(because) && r.reason().contains("wacht op beoordeling door een"
                + " consulent"), r.reason());
    }

    @Test
    void aPassingRuleAddsItsSupplement() {
        ApplicationsTest.caregiver(A, "c1", 1, "10");
        rule(A, (t, in) -> new RuleOutcome(true, "Toeslag.", new BigDecimal("25")));
        Applications.Stored s = apply(A, "c1");
        assertEquals(Applications.GRANTED, s.status());
        assertEquals(new BigDecimal("125.00"), s.amount());
    }

    @Test
    void aHangingRuleMakesTheApplicationWaitAtTheLimit() {
        // only this test needs the limit to pass: a short one, which a rule that never answers always reaches (the
        // others get 30 s, so that a loaded machine cannot make a healthy rule late)
        apps.deactivate();
        apps = new Applications(ApplicationsTest.db, ApplicationsTest.store, ApplicationsTest.directory,
                ApplicationsTest.plugins, Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC),
                Duration.ofMillis(300), 2);
        ApplicationsTest.caregiver(A, "c1", 1, "10");
        rule(A, (t, in) -> {
            while (true) {
                try {
                    release.await();
                    return RuleOutcome.pass("te laat");
                } catch (InterruptedException ignored) {
                    // ignores interrupts: the worst kind of plugin
                }
            }
        });
        long start = System.nanoTime();
        waits(apply(A, "c1"), "Plugin 'lokale-regel' gaf geen antwoord binnen 0,3 seconden.");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(ms < 10_000, "answered after " + ms + " ms");
        // the pool (2 threads, 8 queued) is not exhausted by one stubborn plugin: the next one still answers
        ApplicationsTest.caregiver(A, "c2", 2, "10");
        rule(A, (t, in) -> RuleOutcome.pass("In orde."));
        assertEquals(Applications.GRANTED, apply(A, "c2").status());
    }

    @Test
    void whileARuleHangsTheTenantYearIsNotLocked() throws Exception {
        apps.deactivate();
        apps = new Applications(ApplicationsTest.db, ApplicationsTest.store, ApplicationsTest.directory,
                ApplicationsTest.plugins, Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC),
                Duration.ofSeconds(20), 2);
        ApplicationsTest.caregiver(A, "c1", 1, "10");
        CountDownLatch entered = new CountDownLatch(1);
        rule(A, (t, in) -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return RuleOutcome.pass("Na het wachten in orde.");
        });
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Applications.Stored> slow = pool.submit(() -> apply(A, "c1"));
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            // the rule is running: another decision on the same tenant and year takes the lock at once
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                other.submit(() -> apps.inYearLock(A, 2026, c -> { })).get(10, TimeUnit.SECONDS);
            } finally {
                other.shutdownNow();
            }
            release.countDown();
            assertEquals(Applications.GRANTED, slow.get(10, TimeUnit.SECONDS).status());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThrowingRuleANullAnswerAndANonsenseSupplementMakeTheApplicationWait() {
        ApplicationsTest.caregiver(A, "c1", 1, "10");
        rule(A, (t, in) -> {
            throw new IllegalStateException("database of the vendor is down: jdbc:postgresql://secret");
        });
        Applications.Stored s = apply(A, "c1");
        waits(s, "Plugin 'lokale-regel' gaf een fout.");
        assertTrue(!vendorResult(s).reason().contains("secret"));

        ApplicationsTest.caregiver(A, "c2", 2, "10");
        rule(A, (t, in) -> null);
        waits(apply(A, "c2"), "gaf een leeg antwoord");

        ApplicationsTest.caregiver(A, "c3", 3, "10");
        rule(A, (t, in) -> new RuleOutcome(true, "Veel geld.", new BigDecimal("-50")));
        waits(apply(A, "c3"), "ongeldig antwoord (extra bedrag -50");

        assertEquals(0, ApplicationsTest.apps.grants(A, 2026));
    }

    @Test
    void aMissingRuleMakesTheApplicationWaitAndAConsultantCannotGrantItUntilTheRuleIsBack() {
        ApplicationsTest.caregiver(A, "c1", 1, "10");
        Applications.Stored s = apply(A, "c1");
        waits(s, "Regel 'lokale-regel' is niet geïnstalleerd of niet beschikbaar voor de gemeente.");
        nl.mantelkring.platform.api.ProblemException e = org.junit.jupiter.api.Assertions.assertThrows(
                nl.mantelkring.platform.api.ProblemException.class, () -> apps.approve(A, s.id(), "consulent", null));
        assertEquals(409, e.status());
        rule(A, (t, in) -> RuleOutcome.pass("In orde."));
        assertEquals(Applications.GRANTED, apps.approve(A, s.id(), "consulent", "regel terug").status());
    }

    @Test
    void aRuleSeesOnlyItsOwnTenantAndTheApplicationsPseudonymousFacts() {
        List<String> seen = new CopyOnWriteArrayList<>();
        EligibilityRule spy = (t, in) -> {
            seen.add(t + "|" + in.caregiverId() + "|" + in.recipientId());
            return RuleOutcome.pass("In orde.");
        };
        rule(A, spy);
        rule(B, spy);
        ApplicationsTest.caregiver(A, "a1", 1, "10");
        ApplicationsTest.caregiver(B, "b1", 1, "10");
        apply(A, "a1");
        apply(B, "b1");
        assertEquals(List.of(A + "|a1|rec-a1", B + "|b1|rec-b1"), seen);
        // the input type holds no name, BSN, address or IBAN: only ids, ages, dates and flags
        for (var c : EligibilityInput.class.getRecordComponents()) {
            assertTrue(List.of("year", "applicationDate", "applicant", "caregiverId", "caregiverAge",
                    "caregiverLivesInMunicipality", "recipientId", "recipientLivesInMunicipality", "careSince",
                    "hoursPerWeek", "careKinds", "terminalCare", "carePaid", "youngCaregiver", "workingCaregiver")
                    .contains(c.getName()), c.getName());
        }
    }

    @Test
    void aRuleScopedToAnotherTenantIsMissingHere() {
        // the fake registry, like the real one, only finds plugins visible to the tenant: B's rule is not A's
        rule(B, (t, in) -> RuleOutcome.pass("In orde."));
        ApplicationsTest.caregiver(A, "a1", 1, "10");
        waits(apply(A, "a1"), "niet geïnstalleerd of niet beschikbaar");
    }
}
