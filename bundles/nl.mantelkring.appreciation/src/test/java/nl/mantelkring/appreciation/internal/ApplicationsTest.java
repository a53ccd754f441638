package nl.mantelkring.appreciation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.plugin.PluginInfo;
import nl.mantelkring.platform.api.plugin.PluginRegistry;
import nl.mantelkring.platform.api.policy.PolicyStore;
import nl.mantelkring.platform.api.policy.PolicyVersion;
import nl.mantelkring.platform.internal.H2Database;
import nl.mantelkring.registration.CareRelationInfo;
import nl.mantelkring.registration.CaregiverDirectory;
import nl.mantelkring.registration.CaregiverInfo;
import nl.mantelkring.registration.Erasure;
import nl.mantelkring.registration.Payee;

/** Applications and decisions on H2 with the real migration; registration, policy and plugins faked. */
class ApplicationsTest {

    static final String A = "GM0363";
    static final String B = "GM0344";
    static H2Database db;
    static final Map<String, String> policy = new HashMap<>();
    static final Map<String, CaregiverInfo> caregivers = new HashMap<>();
    static final Map<String, List<CareRelationInfo>> relations = new HashMap<>();
    static Applications apps;
    static CaregiverDirectory directory;
    static PluginRegistry plugins;
    static PolicyStore store;
    static final Map<String, Object> pluginMap = new HashMap<>();
    static final Set<String> noIban = new java.util.HashSet<>();
    static final List<String> ibanReads = java.util.Collections.synchronizedList(new ArrayList<>());

    static final String POLICY = """
            {"aanvraagperiode": {"van": "2026-11-10", "totEnMet": "2027-03-01"}, "aanvragers": ["mantelzorger"],
             "uitkering": {"soort": "vast", "bedrag": 100}, "budget": 250, "bijUitputting": "stoppen",
             "maxPerAdres": 2, "automatischToekennen": %s,
             "voorwaarden": {"minimaleUrenPerWeek": 8, "woonplaats": "mantelzorger"}}""";

    @BeforeAll
    static void setUp() {
        setUp(new H2Database());
    }

    static void setUp(H2Database database) {
        db = database;
        store = new PolicyStore() {
            public Optional<PolicyVersion> current(String tenant, String key, int year) {
                return Optional.ofNullable(policy.get(tenant + "|" + key + "|" + year)).map(v -> new PolicyVersion(
                        tenant, key, year, 1, v, "test", Instant.EPOCH, "test"));
            }

            public Optional<PolicyVersion> latest(String tenant, String key, Integer year) {
                return current(tenant, key, year);
            }

            public PolicyVersion save(String t, String k, Integer y, String v, String by, String why) {
                throw new UnsupportedOperationException();
            }

            public List<PolicyVersion> history(String tenant, String key) {
                return List.of();
            }
        };
        directory = new CaregiverDirectory() {
            public Optional<CaregiverInfo> caregiver(String tenant, String id) {
                return Optional.ofNullable(caregivers.get(tenant + "|" + id));
            }

            public List<CareRelationInfo> relations(String tenant, String id) {
                return relations.getOrDefault(tenant + "|" + id, List.of());
            }

            public Optional<String> findByBsn(String tenant, String bsn) {
                return Optional.empty();
            }

            @Override
            public Optional<nl.mantelkring.platform.api.messages.Recipient> recipient(String tenant, String id) {
                return Optional.ofNullable(caregivers.get(tenant + "|" + id)).map(c ->
                        new nl.mantelkring.platform.api.messages.Recipient(id, c.firstName() + " " + c.lastName(),
                                null, null, List.of("Straat " + c.houseNumber(), c.postcode() + " Utrecht"), null));
            }

            @Override
            public java.util.Set<String> withConsent(String tenant, java.util.Collection<String> ids, String purpose) {
                return java.util.Set.of();
            }

            public List<CareRelationInfo> relationsOfRecipient(String tenant, String recipientId) {
                return List.of();
            }

            public boolean hasConsent(String tenant, String id, String purpose) {
                return true;
            }

            public Optional<String> iban(String tenant, String id, String actor, String purpose) {
                return Optional.empty();
            }

            public List<Erasure> erasuresSince(Instant since) {
                return List.of();
            }

            public Map<String, Payee> payees(String tenant, Collection<String> ids, String actor, String purpose,
                                             String recordId) {
                Map<String, Payee> out = new HashMap<>();
                for (String id : ids) {
                    CaregiverInfo c = caregivers.get(tenant + "|" + id);
                    if (c != null) {
                        ibanReads.add(tenant + "|" + id + "|" + recordId);
                        out.put(id, new Payee(id, c.firstName() + " " + c.lastName(),
                                noIban.contains(id) ? null : "NL91ABNA0417164300"));
                    }
                }
                return out;
            }
        };
        plugins = new PluginRegistry() {
            public <T> Optional<T> find(Class<T> spi, String tenant, String id) {
                return Optional.ofNullable(pluginMap.get(tenant + "|" + id)).filter(spi::isInstance).map(spi::cast);
            }

            public <T> T select(Class<T> spi, String tenant, String key, int year, String def) {
                throw new UnsupportedOperationException();
            }

            public List<PluginInfo> available(Class<?> spi, String tenant) {
                return List.of();
            }

            public List<PluginInfo> available(String tenant) {
                return List.of();
            }
        };
        apps = new Applications(db, store, directory, plugins,
                Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC));
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    @BeforeEach
    void empty() {
        for (String t : List.of("appreciation_run_file_part", "appreciation_run_file", "appreciation_payment",
                "appreciation_run", "appreciation_grant", "appreciation_application", "appreciation_year")) {
            db.execute("delete from " + t);
        }
        policy.clear();
        pluginMap.clear();
        noIban.clear();
        ibanReads.clear();
        caregivers.clear();
        relations.clear();
        policy.put(A + "|waardering.regels|2026", POLICY.formatted("true"));
    }

    /** A caregiver in the tenant with one relation of the given hours; returns the relation id. */
    static String caregiver(String tenant, String id, int houseNumber, String hours) {
        caregivers.put(tenant + "|" + id, new CaregiverInfo(id, tenant, "Voor", null, "Naam " + id,
                LocalDate.of(1970, 1, 1), "3511 AB", houseNumber, null, true, null, false, true, true,
                Instant.EPOCH));
        String relationId = "rel-" + id;
        relations.put(tenant + "|" + id, List.of(new CareRelationInfo(relationId, id, "rec-" + id, "ouder",
                LocalDate.of(2024, 1, 1), new BigDecimal(hours), Set.of("huishouden"), true, true, false, false,
                false, true, null, null)));
        return relationId;
    }

    static Applications.Stored apply(String tenant, String caregiverId) {
        return apps.apply(tenant, "consulent", new Applications.NewApplication(2026, caregiverId, "rel-" + caregiverId,
                "mantelzorger", false, null, Applications.BALIE));
    }

    @Test
    void theIntakeChannelIsKeptFilteredAndCountedPerChannel() {
        caregiver(A, "c1", 1, "10");
        caregiver(A, "c2", 2, "2");
        Applications.Stored balie = apply(A, "c1");
        Applications.Stored loket = apps.apply(A, "burger-pseudoniem", new Applications.NewApplication(2026, "c2",
                "rel-c2", "mantelzorger", false, null, Applications.LOKET));
        assertEquals(Applications.BALIE, balie.intake());
        assertEquals(Applications.LOKET, loket.intake());
        nl.mantelkring.platform.api.PageRequest all = nl.mantelkring.platform.api.PageRequest.parse(null, null);
        assertEquals(List.of(loket.id()), apps.list(A, 2026, null, Applications.LOKET, all).items().stream()
                .map(Applications.Stored::id).toList());
        assertEquals(List.of(balie.id()), apps.list(A, 2026, null, Applications.BALIE, all).items().stream()
                .map(Applications.Stored::id).toList());
        assertEquals(2, apps.list(A, 2026, null, null, all).items().size());
        ReportResource.Report r = new ReportResource(apps).build(A, 2026);
        assertEquals(List.of(new ReportResource.Line("balie", 1, 1, new BigDecimal("100.00")),
                new ReportResource.Line("loket", 1, 0, BigDecimal.ZERO)), r.byIntake());
        assertTrue(ReportResource.csv(r).contains("aanvraagkanaal,loket,1,0,0"));
        assertEquals(List.of(loket.id()), apps.ofCaregiver(A, "c2").stream().map(Applications.Stored::id).toList());
    }

    @Test
    void grantedAtOnceWhenEveryRulePassesAndOnlyOncePerYear() {
        caregiver(A, "c1", 1, "10");
        Applications.Stored first = apply(A, "c1");
        assertEquals(Applications.GRANTED, first.status());
        assertEquals(new BigDecimal("100.00"), first.amount());
        assertEquals("systeem:regels", first.decidedBy());
        Applications.Stored second = apply(A, "c1");
        assertEquals(Applications.REJECTED, second.status());
        assertTrue(second.evaluation().rules().stream().anyMatch(r -> r.rule().equals("eenmaalPerJaar")
                && !r.passed()));
        assertEquals(1, apps.grants(A, 2026));
        assertEquals(new BigDecimal("100.00"), apps.committed(A, 2026));
    }

    @Test
    void concurrentApplicationsForTheSameUnitYieldOneGrant() throws Exception {
        caregiver(A, "c1", 1, "10");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    return apply(A, "c1").status();
                } catch (ProblemException e) {
                    return "409";
                }
            }));
        }
        start.countDown();
        List<String> statuses = new ArrayList<>();
        for (Future<String> f : results) {
            statuses.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(Applications.GRANTED::equals).count(), statuses.toString());
        assertEquals(1, apps.grants(A, 2026));
        assertEquals(new BigDecimal("100.00"), apps.committed(A, 2026));
    }

    @Test
    void budgetAndAddressLimits() {
        caregiver(A, "c1", 1, "10");
        caregiver(A, "c2", 2, "10");
        caregiver(A, "c3", 3, "10");
        assertEquals(Applications.GRANTED, apply(A, "c1").status());
        assertEquals(Applications.GRANTED, apply(A, "c2").status());
        Applications.Stored third = apply(A, "c3");                 // 200 + 100 > 250
        assertEquals(Applications.REJECTED, third.status());
        assertTrue(third.evaluation().rules().stream().anyMatch(r -> r.rule().equals("budget") && !r.passed()));
        assertEquals(new BigDecimal("200.00"), apps.committed(A, 2026));
        // the year in figures
        ReportResource.Report r = new ReportResource(apps).build(A, 2026);
        assertEquals(3, r.applications());
        assertEquals(Map.of("toegekend", 2L, "afgewezen", 1L), r.byStatus());
        assertEquals(Map.of("budget", 1L), r.rejectionReasons());
        assertEquals(new BigDecimal("200.00"), r.granted());
        assertEquals(new BigDecimal("50.00"), r.left());
        assertEquals(List.of(new ReportResource.Line("25-64", 3, 2, new BigDecimal("200.00"))), r.byAgeGroup());
        assertEquals(List.of(new ReportResource.Line("3511", 3, 2, new BigDecimal("200.00"))), r.byArea());
        String csv = ReportResource.csv(r);
        assertTrue(csv.startsWith("sectie,sleutel,aanvragen,toegekend,bedrag\r\n"), csv);
        assertTrue(csv.contains("afwijzingsreden,budget,1,,\r\n"), csv);
        assertTrue(csv.contains("postcodegebied,3511,3,2,200.00\r\n"), csv);
    }

    @Test
    void aConsultantDecidesWhenThePolicyDoesNotApproveAutomatically() {
        policy.put(A + "|waardering.regels|2026", POLICY.formatted("false"));
        caregiver(A, "c1", 1, "10");
        caregiver(A, "c2", 2, "4");
        Applications.Stored queued = apply(A, "c1");
        assertEquals(Applications.SUBMITTED, queued.status());
        assertEquals(0, apps.grants(A, 2026));
        Applications.Stored approved = apps.approve(A, queued.id(), "consulent-2", "Akkoord");
        assertEquals(Applications.GRANTED, approved.status());
        assertEquals("consulent-2", approved.decidedBy());
        assertEquals(409, assertThrows(ProblemException.class,
                () -> apps.approve(A, queued.id(), "consulent-2", "nog eens")).status());
        assertEquals(409, assertThrows(ProblemException.class,
                () -> apps.withdraw(A, queued.id(), "mantelzorger", "toch niet")).status());
        Applications.Stored tooFewHours = apply(A, "c2");           // rules fail: rejected at once, no queue
        assertEquals(Applications.REJECTED, tooFewHours.status());
        caregiver(A, "c3", 3, "10");
        Applications.Stored other = apply(A, "c3");
        assertEquals(Applications.REJECTED, apps.reject(A, other.id(), "consulent-2", "Geen mantelzorg").status());
        assertEquals(1, apps.grants(A, 2026));
    }

    @Test
    void tenantsAreSeparateAndAMissingPolicyIsSaid() {
        caregiver(A, "c1", 1, "10");
        ProblemException other = assertThrows(ProblemException.class, () -> apps.apply(B, "consulent",
                new Applications.NewApplication(2026, "c1", "rel-c1", "mantelzorger", false, null, Applications.BALIE)));
        assertEquals(409, other.status());                          // GM0344 has no policy for 2026
        policy.put(B + "|waardering.regels|2026", POLICY.formatted("true"));
        ProblemException unknown = assertThrows(ProblemException.class, () -> apps.apply(B, "consulent",
                new Applications.NewApplication(2026, "c1", "rel-c1", "mantelzorger", false, null, Applications.BALIE)));
        assertEquals(400, unknown.status());                        // GM0363's caregiver is unknown in GM0344
        assertEquals("mantelzorgerId", unknown.violations().get(0).field());
        policy.put(A + "|waardering.regels|2026", "{\"uitkering\": 5}");
        ProblemException unusable = assertThrows(ProblemException.class, () -> apply(A, "c1"));
        assertEquals(503, unusable.status());
    }

    @Test
    void erasurePseudonymisesButKeepsTheMoney() {
        caregiver(A, "c1", 1, "10");
        Applications.Stored granted = apply(A, "c1");
        apply(A, "c1");                                             // a rejected second application
        List<nl.mantelkring.platform.api.audit.AuditEntry> entries = new ArrayList<>();
        nl.mantelkring.platform.api.audit.AuditLog log = new nl.mantelkring.platform.api.audit.AuditLog() {
            public long record(nl.mantelkring.platform.api.audit.AuditEntry e) {
                entries.add(e);
                return entries.size();
            }

            public long record(java.sql.Connection c, nl.mantelkring.platform.api.audit.AuditEntry e) {
                return record(e);
            }
        };
        AppreciationPrivacy privacy = new AppreciationPrivacy(apps, log, directory);
        assertEquals(2, ((List<?>) privacy.export(A, "c1").get("aanvragen")).size());
        assertEquals(0, privacy.pseudonymise(B, "c1"));             // another tenant's caregiver: nothing
        assertEquals(2, privacy.pseudonymise(A, "c1"));
        Applications.Stored after = apps.find(A, granted.id()).orElseThrow();
        assertTrue(!after.caregiverId().equals("c1") && !after.recipientId().equals("rec-c1"));
        assertEquals(new BigDecimal("100.00"), after.amount());      // what was paid stays accountable
        assertEquals(1, apps.grants(A, 2026));
        assertEquals(new BigDecimal("100.00"), apps.committed(A, 2026));
        assertTrue(privacy.export(A, "c1").isEmpty());
        assertEquals(0, privacy.pseudonymise(A, "c1"));             // idempotent
        assertEquals(1, entries.size());
        assertEquals("c1", entries.get(0).subjectId());
    }
}
