package nl.mantelkring.registration.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.security.Principal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.Page;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.plugin.PluginInfo;
import nl.mantelkring.platform.api.plugin.PluginRegistry;
import nl.mantelkring.platform.internal.H2Database;
import nl.mantelkring.registration.RegistrationEvents;
import nl.mantelkring.registration.internal.Json.AddressIn;
import nl.mantelkring.registration.internal.Json.CaregiverOut;
import nl.mantelkring.registration.internal.Json.CheckIn;
import nl.mantelkring.registration.internal.Json.CheckOut;
import nl.mantelkring.registration.internal.Json.ConsentIn;
import nl.mantelkring.registration.internal.Json.EndIn;
import nl.mantelkring.registration.internal.Json.NameIn;
import nl.mantelkring.registration.internal.Json.RecipientIn;
import nl.mantelkring.registration.internal.Json.RegistrationIn;
import nl.mantelkring.registration.internal.Json.RelationIn;
import nl.mantelkring.registration.internal.Json.RelationOut;

/** The module's components on a real (H2) database with its real migrations; the platform faked around them. */
class RegistrationTest {

    static final String A = "GM0363";
    static final String B = "GM0344";

    static H2Database db;
    static RegistrationStore store;
    static final Fakes.Policy policy = new Fakes.Policy();
    static final Fakes.Audit audit = new Fakes.Audit();
    static final List<Event> events = new ArrayList<>();
    static nl.mantelkring.registration.PersonVerifier verifier = new BuiltInPersonVerifier();
    static CaregiverResource caregivers;
    static RelationResource relations;
    static ConsentResource consents;
    static CheckResource checks;
    static Erasures erasures;
    /** The platform outbox's erasures: "tenant/subject/autoCommit" per call; {@link #outboxFails} makes it throw. */
    static final List<String> outboxErased = new ArrayList<>();
    static volatile boolean outboxFails;
    static final nl.mantelkring.platform.api.messages.Outbox outbox = new nl.mantelkring.platform.api.messages.Outbox() {
        public String enqueue(nl.mantelkring.platform.api.messages.OutgoingMessage m) {
            throw new UnsupportedOperationException();
        }

        public String enqueue(Connection c, nl.mantelkring.platform.api.messages.OutgoingMessage m) {
            throw new UnsupportedOperationException();
        }

        public List<nl.mantelkring.platform.api.messages.MessageInfo> ofSubject(String tenant, String subjectId) {
            return List.of();
        }

        public int erase(Connection c, String tenant, String subjectId) throws java.sql.SQLException {
            if (outboxFails) {
                throw new java.sql.SQLException("outbox unavailable");
            }
            outboxErased.add(tenant + "/" + subjectId + "/" + c.getAutoCommit());
            return 1;
        }
    };
    static PluginRegistry plugins;
    static Events ev;
    static CaregiverRegistrationImpl registration;

    static final SecurityContext CONSULTANT = new SecurityContext() {
        public Principal getUserPrincipal() {
            return () -> "consulent-test";
        }

        public boolean isUserInRole(String role) {
            return true;
        }

        public boolean isSecure() {
            return false;
        }

        public String getAuthenticationScheme() {
            return "BASIC";
        }
    };

    @BeforeAll
    static void setUp() {
        db = new H2Database();
        store = new RegistrationStore(db, Fakes.crypto());
        Policies policies = new Policies(policy);
        EventAdmin eventAdmin = new EventAdmin() {
            public void postEvent(Event e) {
                events.add(e);
            }

            public void sendEvent(Event e) {
                events.add(e);
            }
        };
        ev = new Events(eventAdmin);
        erasures = new Erasures(store, audit, ev, policies, outbox);
        plugins = new PluginRegistry() {
            @SuppressWarnings("unchecked")
            public <T> Optional<T> find(Class<T> spi, String tenant, String id) {
                return Optional.of((T) verifier);
            }

            public <T> T select(Class<T> spi, String tenant, String key, int year, String def) {
                return find(spi, tenant, def).orElseThrow();
            }

            public List<PluginInfo> available(Class<?> spi, String tenant) {
                return List.of();
            }

            public List<PluginInfo> available(String tenant) {
                return List.of();
            }
        };
        caregivers = new CaregiverResource(store, policies, plugins, ev, erasures);
        relations = new RelationResource(store, policies, ev);
        consents = new ConsentResource(store, ev);
        checks = new CheckResource(store, policies);
        registration = new CaregiverRegistrationImpl(store, policies, plugins, ev, audit);
    }

    @BeforeEach
    void empty() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("registration_erasure_request", "registration_selfcheck_count",
                    "registration_name_token", "registration_consent", "registration_overload_check", "registration_history",
                    "registration_relation", "registration_recipient", "registration_caregiver",
                    "registration_erasure")) {
                s.executeUpdate("delete from " + t);
            }
        }
        policy.values.clear();
        verifier = new BuiltInPersonVerifier();
        audit.entries.clear();
        events.clear();
        outboxErased.clear();
    }

    static RegistrationIn person(String first, String last, LocalDate born, String postcode, String bsn) {
        return new RegistrationIn(new NameIn(first, null, last), born,
                new AddressIn("Oudegracht", 12, null, postcode, "Utrecht"), first.toLowerCase() + "@example.nl",
                null, "e-mail", true, null, bsn, null,
                List.of(new ConsentIn("waardering", true, null, "mondeling")));
    }

    static String register(String tenant, RegistrationIn in) {
        Response r = caregivers.register(tenant, in, CONSULTANT);
        assertEquals(201, r.getStatus());
        return ((CaregiverOut) r.getEntity()).id();
    }

    static List<String> fields(ProblemException e) {
        return e.violations().stream().map(FieldViolation::field).toList();
    }

    @Test
    void registersAndReadsBackNormalised() {
        String id = register(A, person("Anna", "de Vries", LocalDate.of(1970, 5, 1), "3511ab", null));
        CaregiverOut c = caregivers.read(A, id);
        assertEquals("3511 AB", c.address().postcode());
        assertEquals("Anna de Vries", c.name().full());
        assertEquals("actief", c.status());
        assertFalse(c.young());
        assertEquals(1, c.consents().history().size());
        assertTrue(c.consents().current().stream().anyMatch(s -> s.purpose().equals("waardering") && s.given()));
        assertEquals("geregistreerd", c.history().get(0).action());
        assertEquals(RegistrationEvents.REGISTERED, events.get(0).getTopic());
        assertEquals(id, events.get(0).getProperty(RegistrationEvents.CAREGIVER_ID));
    }

    @Test
    void everyViolationIsNamedAndNothingIsStored() {
        RegistrationIn bad = new RegistrationIn(new NameIn("A", null, " "), LocalDate.now().plusDays(3),
                new AddressIn(null, 0, null, "0123 ab", null), "nope", "12", "fax", null, null, "123",
                "NL00XXXX", List.of(new ConsentIn("reclame", null, null, "mondeling")));
        ProblemException e = assertThrows(ProblemException.class, () -> caregivers.register(A, bad, CONSULTANT));
        assertEquals(List.of("naam.achternaam", "geboortedatum", "adres.huisnummer", "adres.postcode", "email",
                "telefoon", "voorkeurskanaal", "bsn", "iban", "toestemmingen.0.doel", "toestemmingen.0.gegeven"),
                fields(e));
        assertEquals(0, store.search(A, criteria(null), nl.mantelkring.platform.api.PageRequest.of(1, 20))
                .paging().total());
    }

    static RegistrationStore.Criteria criteria(String name) {
        return new RegistrationStore.Criteria(name, null, null, null, null, null, null, null, "actief", null);
    }

    @Test
    void bsnOnlyWhenPolicySaysSoAndThenEncryptedWithKeyedLookup() throws Exception {
        ProblemException refused = assertThrows(ProblemException.class, () -> caregivers.register(A,
                person("Bert", "Jansen", LocalDate.of(1960, 1, 1), "3511 AB", "111222333"), CONSULTANT));
        assertEquals(List.of("bsn"), fields(refused));
        policy.put(A, Policies.BSN_KEY, "{\"mantelzorger\":\"verplicht\",\"zorgvrager\":\"optioneel\"}");
        ProblemException missing = assertThrows(ProblemException.class, () -> caregivers.register(A,
                person("Bert", "Jansen", LocalDate.of(1960, 1, 1), "3511 AB", null), CONSULTANT));
        assertEquals(List.of("bsn"), fields(missing));
        String id = register(A, person("Bert", "Jansen", LocalDate.of(1960, 1, 1), "3511 AB", "111222333"));
        assertEquals("******333", caregivers.read(A, id).bsnMasked());
        assertEquals(id, caregivers.searchByBsn(A, new Json.BsnSearchIn("111222333")).items().get(0).id());
        assertTrue(caregivers.searchByBsn(B, new Json.BsnSearchIn("111222333")).items().isEmpty());
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from registration_caregiver")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String v = rs.getString(i);
                    assertFalse(v != null && v.contains("111222333"), rs.getMetaData().getColumnName(i));
                }
            }
        }
        assertEquals("111222333", caregivers.reveal(A, id, "uitbetaling").bsn());
        assertThrows(ProblemException.class, () -> caregivers.reveal(A, id, "nieuwsgierigheid"));
    }

    @Test
    void duplicatesAreRefusedWithAPointerAndTenantsAreSeparate() {
        policy.put(A, Policies.BSN_KEY, "{\"mantelzorger\":\"optioneel\"}");
        String id = register(A, person("Carla", "Bakker", LocalDate.of(1980, 2, 2), "1012 AB", "123456782"));
        ProblemException sameName = assertThrows(ProblemException.class, () -> caregivers.register(A,
                person("carla", "BAKKER", LocalDate.of(1980, 2, 2), "1012ab", null), CONSULTANT));
        assertEquals(409, sameName.status());
        assertEquals("/api/v1/gemeenten/GM0363/mantelzorgers/" + id, sameName.extensions().get("bestaandeRegistratie"));
        ProblemException sameBsn = assertThrows(ProblemException.class, () -> caregivers.register(A,
                person("Other", "Name", LocalDate.of(1990, 2, 2), "1012 AB", "123456782"), CONSULTANT));
        assertEquals(409, sameBsn.status());
        // the same person in another municipality is another registration
        register(B, person("Carla", "Bakker", LocalDate.of(1980, 2, 2), "1012 AB", null));
        assertThrows(ProblemException.class, () -> caregivers.read(B, id));
        assertEquals(1, caregivers.search(B, null, null, null, null, null, null, null, null, null, null, null, null)
                .paging().total());
        // after deregistration the person can register anew
        caregivers.deregister(A, id, new Json.DeregistrationIn("op-verzoek"), CONSULTANT);
        register(A, person("Carla", "Bakker", LocalDate.of(1980, 2, 2), "1012 AB", "123456782"));
    }

    @Test
    void relationsConsentHistoryAndEnding() {
        String anna = register(A, person("Anna", "Smit", LocalDate.of(2005, 1, 1), "3511 AB", null));
        String piet = register(A, person("Piet", "Smit", LocalDate.of(1975, 1, 1), "3511 AB", null));
        RelationIn mother = new RelationIn(new RecipientIn(null, "Mevrouw Smit", null, true, null), "ouder",
                LocalDate.of(2022, 1, 1), new BigDecimal("12.5"), List.of("huishouden", "vervoer"), true, false,
                false, false);
        RelationOut r1 = (RelationOut) relations.add(A, anna, mother, CONSULTANT).getEntity();
        // the second caregiver of the same recipient links by recipient id
        RelationOut r2 = (RelationOut) relations.add(A, piet, new RelationIn(
                new RecipientIn(r1.recipient().id(), "Mevrouw Smit", null, true, null), "kind",
                LocalDate.of(2023, 6, 1), new BigDecimal("4"), List.of("emotionele-steun"), true, false, false, false),
                CONSULTANT).getEntity();
        assertEquals(r1.recipient().id(), r2.recipient().id());
        assertEquals(2, relations.read(A, anna, r1.id()).recipient().caregivers());
        // a recipient id from another tenant is not found
        String other = register(B, person("Kees", "Visser", LocalDate.of(1970, 1, 1), "3511 AB", null));
        ProblemException cross = assertThrows(ProblemException.class, () -> relations.add(B, other, new RelationIn(
                new RecipientIn(r1.recipient().id(), "x", null, true, null), "buur", LocalDate.of(2023, 1, 1),
                BigDecimal.ONE, List.of("vervoer"), false, false, false, false), CONSULTANT));
        assertEquals(List.of("zorgvrager.id"), fields(cross));

        CaregiverOut young = caregivers.read(A, anna);
        assertTrue(young.young());
        assertEquals(1, young.activeRelations());
        assertEquals(1, store.search(A, new RegistrationStore.Criteria(null, "3511", "ouder", true, null, null, null,
                null, "actief", null), nl.mantelkring.platform.api.PageRequest.of(1, 20)).paging().total());
        // name search: every typed word begins a word of the name; accents and case do not matter
        assertEquals(2, store.search(A, criteria("smi"), nl.mantelkring.platform.api.PageRequest.of(1, 20))
                .paging().total());
        assertEquals(List.of(anna), store.search(A, criteria("SMIT án"), nl.mantelkring.platform.api.PageRequest
                .of(1, 20)).items().stream().map(CaregiverOut::id).toList());
        assertEquals(0, store.search(A, criteria("mit"), nl.mantelkring.platform.api.PageRequest.of(1, 20))
                .paging().total());
        assertEquals(0, store.search(B, criteria("smit"), nl.mantelkring.platform.api.PageRequest.of(1, 20))
                .paging().total());
        assertEquals(0, store.search(A, criteria("100%"), nl.mantelkring.platform.api.PageRequest.of(1, 20))
                .paging().total());

        consents.add(A, anna, new ConsentIn("waardering", false, null, "schriftelijk"), CONSULTANT);
        consents.add(A, anna, new ConsentIn("nieuwsbrief", true, null, "digitaal"), CONSULTANT);
        Json.ConsentsOut c = consents.list(A, anna);
        assertEquals(3, c.history().size());
        assertFalse(c.current().stream().filter(s -> s.purpose().equals("waardering")).findFirst().orElseThrow().given());
        assertTrue(c.current().stream().filter(s -> s.purpose().equals("nieuwsbrief")).findFirst().orElseThrow().given());

        RelationOut ended = relations.end(A, anna, r1.id(), new EndIn(null, "zorgvrager-overleden"), CONSULTANT);
        assertEquals("beeindigd", ended.status());
        assertThrows(ProblemException.class, () -> relations.end(A, anna, r1.id(), new EndIn(null, "verhuisd"),
                CONSULTANT));
        assertTrue(events.stream().anyMatch(e -> e.getTopic().equals(RegistrationEvents.RELATION_ENDED)));
        assertEquals(List.of("geregistreerd", "zorgrelatie toegevoegd", "toestemming ingetrokken",
                "toestemming gegeven", "zorgrelatie beëindigd"),
                caregivers.read(A, anna).history().stream().map(Json.HistoryOut::action).toList());
    }

    @Test
    void overloadCheckScoresWithTheDefaultQuestionnaireAndKeepsTheTrend() {
        String id = register(A, person("Dirk", "Mulder", LocalDate.of(1950, 3, 3), "3511 AB", null));
        Map<String, String> calm = Map.of("tijd-voor-mezelf", "nee", "hele-dag", "soms", "lichamelijk", "nee",
                "slaap", "nee", "werk-en-sociaal", "nee", "zorgen", "soms", "overdragen", "ja", "steun", "ja");
        Map<String, String> heavy = Map.of("tijd-voor-mezelf", "vaak", "hele-dag", "vaak", "lichamelijk", "vaak",
                "slaap", "soms", "werk-en-sociaal", "vaak", "zorgen", "vaak", "overdragen", "nee", "steun", "soms");
        CheckOut first = (CheckOut) checks.add(A, id, new CheckIn(LocalDate.of(2025, 11, 1), calm), CONSULTANT)
                .getEntity();
        assertEquals(2, first.score());
        assertEquals(16, first.maxScore());
        assertEquals("groen", first.outcome());
        CheckOut second = (CheckOut) checks.add(A, id, new CheckIn(null, heavy), CONSULTANT).getEntity();
        assertEquals(2 + 2 + 2 + 1 + 2 + 2 + 2 + 1, second.score());
        assertEquals("rood", second.outcome());
        assertNotNull(second.advice());
        assertEquals(List.of("groen", "rood"), checks.list(A, id, null, null).items().stream().map(CheckOut::outcome)
                .toList());
        assertEquals("rood", caregivers.read(A, id).latestCheck().outcome());
        ProblemException bad = assertThrows(ProblemException.class, () -> checks.add(A, id,
                new CheckIn(null, Map.of("slaap", "misschien", "bestaat-niet", "ja")), CONSULTANT));
        assertTrue(fields(bad).containsAll(List.of("antwoorden.slaap", "antwoorden.bestaat-niet",
                "antwoorden.tijd-voor-mezelf")));
        assertEquals(2, checks.list(A, id, null, null).items().size());
    }

    @Test
    void tenantQuestionnaireAndUnusablePolicyIsReported() {
        String id = register(A, person("Eva", "Kok", LocalDate.of(1985, 3, 3), "3511 AB", null));
        policy.put(A, Policies.CHECK_KEY, "{\"versie\":\"kort-1\",\"vragen\":[{\"id\":\"zwaar\",\"tekst\":\"Zwaar?\","
                + "\"antwoorden\":[{\"code\":\"nee\",\"tekst\":\"Nee\",\"punten\":0},{\"code\":\"ja\",\"tekst\":\"Ja\","
                + "\"punten\":5}]}],\"drempels\":{\"oranje\":3,\"rood\":5}}");
        CheckOut c = (CheckOut) checks.add(A, id, new CheckIn(null, Map.of("zwaar", "ja")), CONSULTANT).getEntity();
        assertEquals("rood", c.outcome());
        assertEquals("kort-1", c.questionnaireVersion());
        policy.put(A, Policies.CHECK_KEY, "{\"versie\":\"kapot\",\"vragen\":[]}");
        ProblemException e = assertThrows(ProblemException.class, () -> checks.add(A, id,
                new CheckIn(null, Map.of("zwaar", "ja")), CONSULTANT));
        assertEquals(503, e.status());
        assertTrue(e.type().endsWith("beleid-onbruikbaar"));
        assertEquals(Policies.CHECK_KEY, e.extensions().get("beleidssleutel"));
    }

    @Test
    void erasureRemovesEverythingTellsOtherModulesAndAudits() throws Exception {
        String anna = register(A, person("Anna", "Smit", LocalDate.of(1990, 1, 1), "3511 AB", null));
        String piet = register(A, person("Piet", "Smit", LocalDate.of(1975, 1, 1), "3511 AB", null));
        RelationOut r1 = (RelationOut) relations.add(A, anna, new RelationIn(new RecipientIn(null, "Oma", null, true,
                null), "ander-familielid", LocalDate.of(2022, 1, 1), BigDecimal.TEN, List.of("begeleiding"), false,
                false, false, false), CONSULTANT).getEntity();
        relations.add(A, piet, new RelationIn(new RecipientIn(r1.recipient().id(), "Oma", null, true, null), "kind",
                LocalDate.of(2022, 1, 1), BigDecimal.ONE, List.of("vervoer"), false, false, false, false), CONSULTANT);
        RelationOut own = (RelationOut) relations.add(A, anna, new RelationIn(new RecipientIn(null, null, "buurman-7",
                true, null), "buur", LocalDate.of(2024, 1, 1), BigDecimal.ONE, List.of("vervoer"), false, false, false,
                false), CONSULTANT).getEntity();
        checks.add(A, anna, new CheckIn(null, Map.of("tijd-voor-mezelf", "nee", "hele-dag", "nee", "lichamelijk",
                "nee", "slaap", "nee", "werk-en-sociaal", "nee", "zorgen", "nee", "overdragen", "ja", "steun", "ja")),
                CONSULTANT);
        assertEquals(204, caregivers.erase(A, anna, CONSULTANT, "corr-1").getStatus());
        assertThrows(ProblemException.class, () -> caregivers.read(A, anna));
        assertThrows(ProblemException.class, () -> caregivers.erase(A, anna, CONSULTANT, "corr-2"));
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("registration_erasure_request",
                    "registration_name_token", "registration_consent", "registration_overload_check", "registration_history",
                    "registration_relation")) {
                ResultSet rs = s.executeQuery("select count(*) from " + t + " where caregiver_id = '" + anna + "'");
                rs.next();
                assertEquals(0, rs.getInt(1), t);
            }
            ResultSet rs = s.executeQuery("select id from registration_recipient order by id");
            List<String> left = new ArrayList<>();
            while (rs.next()) {
                left.add(rs.getString(1));
            }
            assertEquals(List.of(r1.recipient().id()), left);   // Piet still cares for Oma; the neighbour is gone
        }
        Event erased = events.stream().filter(e -> e.getTopic().equals(RegistrationEvents.ERASED)).findFirst()
                .orElseThrow();
        assertEquals(A, erased.getProperty(RegistrationEvents.TENANT));
        assertEquals(List.of(r1.id(), own.id()), List.of((String[]) erased.getProperty(RegistrationEvents.RELATION_IDS)));
        assertEquals(List.of(own.recipient().id()),
                List.of((String[]) erased.getProperty(RegistrationEvents.RECIPIENT_IDS)));
        assertEquals("mantelzorger.wissen", audit.entries.get(0).activity());
        assertEquals(anna, audit.entries.get(0).subjectId());
        assertEquals("corr-1", audit.entries.get(0).correlationId());
        assertEquals(anna, store.erasuresSince(java.time.Instant.EPOCH).get(0).caregiverId());
        // the person's messages in the platform outbox went in the same transaction
        assertEquals(List.of(A + "/" + anna + "/false"), outboxErased);
    }

    @Test
    void anErasureWhoseMessagesCannotBeErasedErasesNothing() {
        String anna = register(A, person("Anna", "Smit", LocalDate.of(1990, 1, 1), "3511 AB", null));
        outboxFails = true;
        try {
            assertThrows(RuntimeException.class, () -> caregivers.erase(A, anna, CONSULTANT, "corr-1"));
        } finally {
            outboxFails = false;
        }
        assertEquals(anna, caregivers.read(A, anna).id());
        assertTrue(events.stream().noneMatch(e -> e.getTopic().equals(RegistrationEvents.ERASED)));
    }

    @Test
    void retentionErasesByTheTenantsRules() throws Exception {
        String deregistered = register(A, person("Uit", "Geschreven", LocalDate.of(1970, 1, 1), "3511 AB", null));
        String ended = register(A, person("Zorg", "Gestopt", LocalDate.of(1970, 1, 1), "3511 AB", null));
        String active = register(A, person("Zorgt", "Nog", LocalDate.of(1970, 1, 1), "3511 AB", null));
        String recent = register(A, person("Net", "Gestopt", LocalDate.of(1970, 1, 1), "3511 AB", null));
        String otherTenant = register(B, person("Uit", "Geschreven", LocalDate.of(1970, 1, 1), "3511 AB", null));
        caregivers.deregister(A, deregistered, new Json.DeregistrationIn("op-verzoek"), CONSULTANT);
        caregivers.deregister(B, otherTenant, new Json.DeregistrationIn("op-verzoek"), CONSULTANT);
        for (String id : List.of(ended, active, recent)) {
            RelationOut r = (RelationOut) relations.add(A, id, new RelationIn(new RecipientIn(null, "X " + id, null,
                    true, null), "partner", LocalDate.of(2020, 1, 1), BigDecimal.TEN, List.of("huishouden"), false,
                    false, false, false), CONSULTANT).getEntity();
            if (!id.equals(active)) {
                relations.end(A, id, r.id(), new EndIn(null, "zorg-beeindigd"), CONSULTANT);
            }
        }
        // time passes: the deregistration 4 months ago, one relation ended 13 months ago
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("update registration_caregiver set deregistered_at = deregistered_at - interval '4' month");
            s.executeUpdate("update registration_relation set ended_on = ended_on - interval '13' month"
                    + " where caregiver_id = '" + ended + "'");
        }
        Map<String, Integer> counts = erasures.applyRetention(A, Erasures.RETENTION_ACTOR, null, "job-1");
        assertEquals(Map.of("uitgeschreven", 1, "zorgrelaties-beeindigd", 1), counts);
        assertFalse(store.exists(A, deregistered));
        assertFalse(store.exists(A, ended));
        assertTrue(store.exists(A, active));
        assertTrue(store.exists(A, recent));
        assertTrue(store.exists(B, otherTenant));       // another tenant's retention is its own
        assertTrue(audit.entries.stream().allMatch(e -> e.actor().equals("systeem:bewaartermijn")
                && e.purpose().startsWith("Bewaartermijn")));
        assertEquals(2, audit.entries.size());
        // a stricter policy: no grace after deregistration, 0 months after care ended
        policy.put(A, Policies.RETENTION_KEY, "{\"maandenNaEindeZorgrelaties\":0}");
        assertEquals(Map.of(), erasures.applyRetention(A, Erasures.RETENTION_ACTOR, null, "job-2"));
        policy.put(A, Policies.RETENTION_KEY, "{\"maandenNaEindeZorgrelaties\":-1}");
        assertThrows(ProblemException.class, () -> erasures.applyRetention(A, Erasures.RETENTION_ACTOR, null, "j"));
    }

    @Test
    void thePersonVerifierMayRefuseOrFillResidenceAndItsFailureRegistersNothing() {
        verifier = (tenant, q) -> new nl.mantelkring.registration.PersonVerdict(false, null, null,
                List.of(new FieldViolation("adres.postcode", "Niet gevonden in de BRP.")));
        ProblemException refused = assertThrows(ProblemException.class, () -> caregivers.register(A,
                person("Fenna", "Brink", LocalDate.of(1980, 1, 1), "3511 AB", null), CONSULTANT));
        assertEquals(400, refused.status());
        assertEquals(List.of("adres.postcode"), fields(refused));
        verifier = (tenant, q) -> {
            throw new IllegalStateException("BRP gateway timeout");
        };
        ProblemException down = assertThrows(ProblemException.class, () -> caregivers.register(A,
                person("Fenna", "Brink", LocalDate.of(1980, 1, 1), "3511 AB", null), CONSULTANT));
        assertEquals(503, down.status());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        verifier = (tenant, q) -> {
            try {
                release.await();   // a gateway that never answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new nl.mantelkring.registration.PersonVerdict(true, true, true, List.of());
        };
        try {
            ProblemException hung = assertThrows(ProblemException.class, () -> caregivers.register(A,
                    person("Fenna", "Brink", LocalDate.of(1980, 1, 1), "3511 AB", null), CONSULTANT));
            assertEquals(503, hung.status());   // after CaregiverResource.VERIFIER_LIMIT, nothing registered
        } finally {
            release.countDown();
        }
        assertEquals(0, store.search(A, criteria(null), nl.mantelkring.platform.api.PageRequest.of(1, 20))
                .paging().total());
        verifier = (tenant, q) -> new nl.mantelkring.registration.PersonVerdict(true, false, true, List.of());
        String id = register(A, person("Fenna", "Brink", LocalDate.of(1980, 1, 1), "3511 AB", null));
        assertEquals(Boolean.FALSE, caregivers.read(A, id).livesInMunicipality());   // the BRP's word wins
        assertEquals(1, store.search(A, criteria(null), nl.mantelkring.platform.api.PageRequest.of(1, 20))
                .paging().total());
    }
}
