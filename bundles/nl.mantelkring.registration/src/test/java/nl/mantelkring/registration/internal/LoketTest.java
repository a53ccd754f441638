package nl.mantelkring.registration.internal;

import static nl.mantelkring.registration.internal.RegistrationTest.A;
import static nl.mantelkring.registration.internal.RegistrationTest.B;
import static nl.mantelkring.registration.internal.RegistrationTest.fields;
import static nl.mantelkring.registration.internal.RegistrationTest.person;
import static nl.mantelkring.registration.internal.RegistrationTest.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.Citizen;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.registration.internal.Json.AddressIn;
import nl.mantelkring.registration.internal.Json.CaregiverOut;
import nl.mantelkring.registration.internal.Json.CheckIn;
import nl.mantelkring.registration.internal.Json.CheckOut;
import nl.mantelkring.registration.internal.MyRegistrationResource.ContactIn;
import nl.mantelkring.registration.internal.MyRegistrationResource.ErasureIn;
import nl.mantelkring.registration.internal.MyRegistrationResource.ErasureRequestOut;
import nl.mantelkring.registration.internal.MyRegistrationResource.IbanIn;
import nl.mantelkring.registration.internal.MyRegistrationResource.MyConsentIn;
import nl.mantelkring.registration.internal.MyRegistrationResource.MyRegistrationOut;
import nl.mantelkring.registration.internal.SelfCheckResource.SelfCheckIn;

/** The loket's operations of the module: the anonymous self-check and the citizen's "Mijn gegevens", on H2. */
class LoketTest {

    static final String BSN = "999993653";
    static final String OTHER_BSN = "999990627";

    static SelfCheckResource selfChecks;
    static MyRegistrationResource mine;
    static ErasureRequestResource requests;

    @BeforeAll
    static void setUp() {
        RegistrationTest.setUp();
        Policies policies = new Policies(RegistrationTest.policy);
        selfChecks = new SelfCheckResource(RegistrationTest.store, policies);
        mine = new MyRegistrationResource(RegistrationTest.store, policies, RegistrationTest.plugins,
                RegistrationTest.ev, RegistrationTest.erasures);
        requests = new ErasureRequestResource(RegistrationTest.store);
    }

    @BeforeEach
    void empty() throws Exception {
        new RegistrationTest().empty();
        RegistrationTest.policy.put(A, Policies.BSN_KEY, "{\"mantelzorger\":\"optioneel\"}");
        RegistrationTest.policy.put(B, Policies.BSN_KEY, "{\"mantelzorger\":\"optioneel\"}");
    }

    /** A signed-in citizen, as the platform hands it to a resource. */
    static final class TestCitizen implements Citizen {
        final String bsn;
        String concerns;

        TestCitizen(String bsn) {
            this.bsn = bsn;
        }

        @Override public String pseudonym() { return "burger-" + bsn.substring(6); }
        @Override public String bsn() { return bsn; }
        @Override public String assuranceLevel() { return "Substantieel"; }
        @Override public void concerns(String recordId) { this.concerns = recordId; }
        @Override public String getName() { return pseudonym(); }
    }

    static SecurityContext as(Citizen c) {
        return new SecurityContext() {
            public Principal getUserPrincipal() { return c; }
            public boolean isUserInRole(String role) { return false; }
            public boolean isSecure() { return true; }
            public String getAuthenticationScheme() { return "DigiD"; }
        };
    }

    static Map<String, String> answers(String burden, String capacity) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Policies.Questionnaire.Question q : Policies.Questionnaire.DEFAULT.questions()) {
            m.put(q.id(), q.kind().equals("draaglast") ? burden : capacity);
        }
        return m;
    }

    static long counted(String tenant) throws Exception {
        try (Connection c = RegistrationTest.db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select coalesce(sum(checks), 0) from registration_selfcheck_count"
                     + " where tenant = '" + tenant + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ---- the anonymous self-check ----

    @Test
    void selfCheckScoresWithTheConsultantsCodeAndAdvisesPerOutcome() throws Exception {
        SelfCheck.Result green = selfChecks.take(A, new SelfCheckIn(answers("nee", "ja"), null));
        assertEquals("groen", green.outcome());
        assertEquals(0, green.score());
        assertEquals(16, green.maxScore());
        assertTrue(green.reasons().isEmpty());
        assertEquals(SelfCheck.DEFAULT.advice().get("groen"), green.advice());

        Map<String, String> some = answers("nee", "ja");
        some.put("slaap", "vaak");
        some.put("zorgen", "vaak");
        some.put("steun", "nee");
        some.put("hele-dag", "soms");
        SelfCheck.Result amber = selfChecks.take(A, new SelfCheckIn(some, "3511 ab"));
        assertEquals("oranje", amber.outcome());
        assertEquals(7, amber.score());
        // heaviest first, questionnaire order on ties
        assertEquals(List.of("slaap", "zorgen", "steun", "hele-dag"),
                amber.reasons().stream().map(SelfCheck.Reason::question).toList());
        assertEquals("Vaak", amber.reasons().get(0).answer());
        assertTrue(amber.advice().respiteKinds().contains("oppas-thuis"));

        SelfCheck.Result red = selfChecks.take(A, new SelfCheckIn(answers("vaak", "nee"), "3511"));
        assertEquals("rood", red.outcome());
        assertEquals(SelfCheck.DEFAULT.contact(), red.contact());

        // counted per day, outcome and PC4 (only the four digits of a full postcode); nothing else
        assertEquals(3, counted(A));
        assertEquals(List.of(Map.of("datum", Clocks.today(), "uitkomst", "groen", "pc4", "", "aantal", 1),
                Map.of("datum", Clocks.today(), "uitkomst", "oranje", "pc4", "3511", "aantal", 1),
                Map.of("datum", Clocks.today(), "uitkomst", "rood", "pc4", "3511", "aantal", 1)),
                RegistrationTest.store.selfCheckCounts(A, Clocks.today()));
        selfChecks.take(A, new SelfCheckIn(answers("vaak", "nee"), "3511"));
        assertEquals(2, RegistrationTest.store.selfCheckCounts(A, Clocks.today()).get(2).get("aantal"));
        assertEquals(0, counted(B));
    }

    @Test
    void badSelfCheckInputNamesTheFieldsAndCountsNothing() throws Exception {
        Map<String, String> bad = answers("nee", "ja");
        bad.remove("slaap");
        bad.put("zorgen", "altijd");
        bad.put("bsn", "123456782");
        ProblemException e = assertThrows(ProblemException.class,
                () -> selfChecks.take(A, new SelfCheckIn(bad, "12")));
        assertEquals(400, e.status());
        assertEquals(List.of("postcode", "antwoorden.slaap", "antwoorden.zorgen", "antwoorden.bsn"), fields(e));
        assertEquals(List.of("antwoorden"), fields(assertThrows(ProblemException.class,
                () -> selfChecks.take(A, new SelfCheckIn(null, null)))));
        assertEquals(List.of("body"), fields(assertThrows(ProblemException.class, () -> selfChecks.take(A, null))));
        // a valid check with a bad postcode area is not counted either
        assertEquals(List.of("postcode"), fields(assertThrows(ProblemException.class,
                () -> selfChecks.take(A, new SelfCheckIn(answers("nee", "ja"), "0123")))));
        assertEquals(0, counted(A));
    }

    @Test
    void questionnaireIsPublicWithoutPointsAndFollowsThePolicy() {
        Map<String, Object> q = selfChecks.questionnaire(A);
        assertEquals("standaard-2026", q.get("versie"));
        assertEquals(8, ((List<?>) q.get("vragen")).size());
        assertFalse(q.toString().contains("punten"));
    }

    @Test
    void policyOverridesAdviceAndContactAndTheValidatorNamesEveryProblem() {
        RegistrationTest.policy.put(A, SelfCheck.KEY, "{\"advies\":{\"rood\":{\"titel\":\"Bel ons\","
                + "\"respijtsoorten\":[\"logeerzorg\"]}},\"contact\":{\"naam\":\"Steunpunt Mantelzorg\","
                + "\"telefoon\":\"030 123 45 67\"}}");
        SelfCheck.Result red = selfChecks.take(A, new SelfCheckIn(answers("vaak", "nee"), null));
        assertEquals("Bel ons", red.advice().title());
        assertEquals(SelfCheck.DEFAULT.advice().get("rood").text(), red.advice().text());
        assertEquals(List.of("logeerzorg"), red.advice().respiteKinds());
        assertEquals("Steunpunt Mantelzorg", red.contact().name());

        RegistrationPolicyValidator validator = new RegistrationPolicyValidator();
        assertEquals(List.of(), validator.validate(A, SelfCheck.KEY, null, "{\"advies\":{\"groen\":{\"tekst\":\"Goed\"}}}"));
        assertEquals(java.util.Set.of("advies.paars", "advies.rood.stappen", "advies.oranje.respijtsoorten.0",
                "contact.website", "contact.telefoon"), validator.validate(A, SelfCheck.KEY, null,
                "{\"advies\":{\"paars\":{},\"oranje\":{\"respijtsoorten\":[\"Dag Opvang\"]},\"rood\":{\"stappen\":\"x\"}},"
                        + "\"contact\":{\"naam\":\"X\",\"website\":\"http://x.nl\",\"telefoon\":\"bel ons\"}}")
                .stream().map(FieldViolation::field).collect(java.util.stream.Collectors.toSet()));
        assertEquals(List.of(""), validator.validate(A, SelfCheck.KEY, null, "[1]").stream()
                .map(FieldViolation::field).toList());
        assertEquals(List.of(""), validator.validate(A, SelfCheck.KEY, null, "{nope").stream()
                .map(FieldViolation::field).toList());
        assertEquals(List.of(), validator.validate(A, Policies.ERASURE_KEY, null, "{\"afhandeling\":\"direct\"}"));
        assertEquals(1, validator.validate(A, Policies.ERASURE_KEY, null, "{\"afhandeling\":\"later\"}").size());
        assertEquals(1, validator.validate(A, Policies.CHECK_KEY, null, "{\"versie\":\"x\"}").size());

        // an unusable stored value is reported, not replaced by the defaults
        RegistrationTest.policy.put(A, SelfCheck.KEY, "{\"advies\":[]}");
        assertEquals(503, assertThrows(ProblemException.class,
                () -> selfChecks.take(A, new SelfCheckIn(answers("vaak", "nee"), null))).status());
    }

    // ---- "Mijn gegevens" ----

    @Test
    void notRegisteredIs404WithAClearMessage() {
        TestCitizen c = new TestCitizen(BSN);
        // registered in another municipality only
        register(B, person("Anna", "de Vries", LocalDate.of(1970, 5, 1), "3511 AB", BSN));
        ProblemException e = assertThrows(ProblemException.class, () -> mine.read(A, as(c)));
        assertEquals(404, e.status());
        assertTrue(e.detail().startsWith(MyRegistrationResource.NOT_REGISTERED));
        assertNull(c.concerns);
        assertEquals(404, assertThrows(ProblemException.class, () -> mine.export(A, as(c))).status());
    }

    @Test
    void citizenReadsAndChangesOnlyTheirOwnRegistration() {
        String anna = register(A, person("Anna", "de Vries", LocalDate.of(1970, 5, 1), "3511 AB", BSN));
        String bert = register(A, person("Bert", "Jansen", LocalDate.of(1960, 1, 1), "3511 AB", OTHER_BSN));
        TestCitizen c = new TestCitizen(BSN);

        MyRegistrationOut me = mine.read(A, as(c));
        assertEquals(anna, me.caregiver().id());
        assertEquals(anna, c.concerns);
        assertEquals("consulent", me.erasureHandling());
        assertNull(me.erasureRequest());
        assertEquals(Codes.CONSENT_PURPOSES.size(), me.purposes().size());
        assertTrue(me.purposes().stream().allMatch(p -> p.explanation() != null && !p.explanation().isBlank()));

        // contact details: validated as for staff, name and date of birth untouched
        ProblemException bad = assertThrows(ProblemException.class, () -> mine.updateContact(A,
                new ContactIn(new AddressIn("Dorpsstraat", 0, null, "12", null), "nope", null, "e-mail"), as(c)));
        assertEquals(List.of("adres.huisnummer", "adres.postcode", "email"), fields(bad));
        MyRegistrationOut changed = mine.updateContact(A, new ContactIn(new AddressIn("Dorpsstraat", 3, null,
                "3512cd", "Utrecht"), "anna@example.org", "06-12345678", "telefoon"), as(c));
        assertEquals("3512 CD", changed.caregiver().address().postcode());
        assertEquals("0612345678", changed.caregiver().phone());
        assertEquals("Anna de Vries", changed.caregiver().name().full());
        assertEquals(LocalDate.of(1970, 5, 1), changed.caregiver().birthDate());
        assertEquals("burger-653", changed.caregiver().history().get(changed.caregiver().history().size() - 1).actor());

        // IBAN: the same check as staff; nothing changes on a bad one
        assertEquals(List.of("iban"), fields(assertThrows(ProblemException.class,
                () -> mine.updateIban(A, new IbanIn("NL00BANK0123456789"), as(c)))));
        assertNull(RegistrationTest.store.sensitive(A, anna).iban());
        assertEquals("NL************4300", mine.updateIban(A, new IbanIn("nl91 abna 0417 1643 00"), as(c)).ibanMasked());
        assertEquals("NL91ABNA0417164300", RegistrationTest.store.sensitive(A, anna).iban());
        assertEquals(BSN, RegistrationTest.store.sensitive(A, anna).bsn());

        // consent: withdrawn by the caregiver, source digitaal, actor the pseudonym
        var consents = mine.consent(A, new MyConsentIn("waardering", false), as(c));
        assertTrue(consents.current().stream().anyMatch(s -> s.purpose().equals("waardering") && !s.given()));
        assertEquals("digitaal", consents.history().get(consents.history().size() - 1).source());
        assertEquals(List.of("doel"), fields(assertThrows(ProblemException.class,
                () -> mine.consent(A, new MyConsentIn("reclame", true), as(c)))));

        // the export is the consultant's
        Response export = mine.export(A, as(c));
        assertTrue(export.getHeaderString("Content-Disposition").startsWith("attachment"));
        @SuppressWarnings("unchecked")
        Map<String, Object> data = (Map<String, Object>) export.getEntity();
        assertEquals(RegistrationTest.caregivers.export(A, anna).keySet(), data.keySet());

        // Bert is untouched
        CaregiverOut b = RegistrationTest.caregivers.read(A, bert);
        assertEquals("3511 AB", b.address().postcode());
        assertNull(RegistrationTest.store.sensitive(A, bert).iban());
    }

    @Test
    void anIbanChangeKeepsARegistrationThatHoldsOnlyTheBsnLookupHashFindable() {
        RegistrationTest.policy.put(A, Policies.BSN_KEY, "{\"mantelzorger\":\"nee\"}");
        String anna = register(A, person("Anna", "de Vries", LocalDate.of(1970, 5, 1), "3511 AB", null));
        RegistrationTest.store.linkCitizenBsn(A, anna, BSN);
        TestCitizen c = new TestCitizen(BSN);
        mine.updateIban(A, new IbanIn("NL91ABNA0417164300"), as(c));
        assertEquals(anna, mine.read(A, as(c)).caregiver().id());
        assertEquals("NL91ABNA0417164300", RegistrationTest.store.sensitive(A, anna).iban());
        assertNull(RegistrationTest.store.sensitive(A, anna).bsn());
    }

    @Test
    void savedSelfCheckIsAnOverloadCheckAndAnotherCitizensCheckIs404() {
        String anna = register(A, person("Anna", "de Vries", LocalDate.of(1970, 5, 1), "3511 AB", BSN));
        register(A, person("Bert", "Jansen", LocalDate.of(1960, 1, 1), "3511 AB", OTHER_BSN));
        TestCitizen c = new TestCitizen(BSN);
        Response r = mine.saveCheck(A, new CheckIn(null, answers("vaak", "nee")), as(c));
        assertEquals(201, r.getStatus());
        CheckOut saved = (CheckOut) r.getEntity();
        assertEquals("rood", saved.outcome());
        assertEquals(SelfCheck.DEFAULT.advice().get("rood").text(), saved.advice());
        assertEquals("burger-653", saved.recordedBy());
        assertTrue(r.getLocation().toString().endsWith("/mantelzorgers/ik/belastingschecks/" + saved.id()));
        // the consultant sees it as one of the caregiver's checks
        assertEquals(saved.id(), RegistrationTest.checks.read(A, anna, saved.id()).id());
        assertTrue(fields(assertThrows(ProblemException.class, () -> mine.saveCheck(A,
                new CheckIn(null, Map.of("slaap", "nooit")), as(c)))).contains("antwoorden.slaap"));
        assertEquals(1, RegistrationTest.store.checks(A, anna).size());

        assertEquals(saved.id(), mine.readCheck(A, saved.id(), as(c)).id());
        TestCitizen bert = new TestCitizen(OTHER_BSN);
        assertEquals(404, assertThrows(ProblemException.class, () -> mine.readCheck(A, saved.id(), as(bert))).status());
    }

    @Test
    void erasureRequestWaitsForAConsultantByDefault() {
        String anna = register(A, person("Anna", "de Vries", LocalDate.of(1970, 5, 1), "3511 AB", BSN));
        TestCitizen c = new TestCitizen(BSN);
        assertEquals(List.of("bevestigd"), fields(assertThrows(ProblemException.class,
                () -> mine.requestErasure(A, new ErasureIn(false, null), as(c), "k1"))));
        assertTrue(RegistrationTest.store.erasureRequests(A).isEmpty());

        Response r = mine.requestErasure(A, new ErasureIn(true, "Ik zorg niet meer."), as(c), "k2");
        assertEquals(202, r.getStatus());
        assertEquals("ingediend", ((ErasureRequestOut) r.getEntity()).status());
        // asking again changes nothing
        mine.requestErasure(A, new ErasureIn(true, "Nog een keer"), as(c), "k3");
        assertEquals("Ik zorg niet meer.", mine.read(A, as(c)).erasureRequest().note());
        var listed = requests.list(A, null, null).items();
        assertEquals(1, listed.size());
        assertEquals(anna, listed.get(0).caregiverId());
        assertEquals("Anna de Vries", listed.get(0).name());
        assertTrue(requests.list(B, null, null).items().isEmpty());

        // the consultant erases: the request goes with the registration
        RegistrationTest.caregivers.erase(A, anna, RegistrationTest.CONSULTANT, "k4");
        assertTrue(requests.list(A, null, null).items().isEmpty());
        assertEquals(404, assertThrows(ProblemException.class, () -> mine.read(A, as(c))).status());
    }

    @Test
    void erasureIsDirectWhenThePolicySaysSo() {
        String anna = register(A, person("Anna", "de Vries", LocalDate.of(1970, 5, 1), "3511 AB", BSN));
        RegistrationTest.policy.put(A, Policies.ERASURE_KEY, "{\"afhandeling\":\"direct\"}");
        TestCitizen c = new TestCitizen(BSN);
        Response r = mine.requestErasure(A, new ErasureIn(true, null), as(c), "k5");
        assertEquals(200, r.getStatus());
        assertEquals("uitgevoerd", ((ErasureRequestOut) r.getEntity()).status());
        assertFalse(RegistrationTest.store.exists(A, anna));
        assertNotNull(RegistrationTest.audit.entries.stream().filter(e -> e.activity().equals("mantelzorger.wissen")
                && e.actor().equals("burger-653") && Citizen.ROLE.equals(e.actorRoles())).findFirst().orElse(null));
    }
}
