package nl.mantelkring.appreciation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.appreciation.internal.letters.AppreciationLetters;
import nl.mantelkring.appreciation.internal.letters.LetterInfo;
import nl.mantelkring.appreciation.internal.letters.LetterPolicy;
import nl.mantelkring.appreciation.internal.letters.LettersPolicyValidator;
import nl.mantelkring.appreciation.internal.letters.StoredLetter;
import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;
import nl.mantelkring.platform.api.documents.Letter;
import nl.mantelkring.platform.api.documents.Letters;
import nl.mantelkring.platform.api.documents.Templates;

/**
 * Decision letters and objections on H2 with the real migrations; the platform's Templates with jmustache (the engine
 * the platform uses), its Letters as plain text (the PDF/A rendering is the documents bundle's, tested there and in
 * {@code LettersIT}).
 */
class LettersTest {

    static final String A = ApplicationsTest.A;
    static final List<AuditEntry> audit = Collections.synchronizedList(new ArrayList<>());
    static Applications apps;
    static AppreciationLetters letters;

    /** A Templates as the platform's: jmustache, every name checked against the allowed set. */
    static final Templates TEMPLATES = new Templates() {
        private final Mustache.Compiler compiler = Mustache.compiler().escapeHTML(false);

        @Override
        public List<FieldViolation> check(String field, String template, Set<String> allowed) {
            List<FieldViolation> out = new ArrayList<>();
            try {
                Set<String> names = new TreeSet<>();
                compiler.compile(template).visit(new Mustache.Visitor() {
                    public void visitText(String text) {
                    }

                    public void visitVariable(String name) {
                        names.add(name);
                    }

                    public boolean visitInclude(String name) {
                        names.add(name);
                        return false;
                    }

                    public boolean visitSection(String name) {
                        names.add(name);
                        return true;
                    }

                    public boolean visitInvertedSection(String name) {
                        names.add(name);
                        return true;
                    }
                });
                names.stream().filter(n -> !allowed.contains(n))
                        .forEach(n -> out.add(new FieldViolation(field, "Onbekende invulplek {{" + n + "}}.")));
            } catch (MustacheException e) {
                out.add(new FieldViolation(field, "Geen geldig sjabloon."));
            }
            return out;
        }

        @Override
        public String renderText(String template, Map<String, ?> model) {
            return compiler.compile(template).execute(model);
        }

        @Override
        public String renderHtml(String template, Map<String, ?> model) {
            return Mustache.compiler().compile(template).execute(model);
        }
    };

    /** Letters as text: address, subject and body without tags (what PDFBox extracts from the real one). */
    static final Letters TEXT_LETTERS = new Letters() {
        @Override
        public byte[] render(String tenant, Letter l) {
            return ("%PDF-tekst\n" + String.join("\n", l.addressLines()) + "\n" + l.date() + "\n" + l.reference()
                    + "\n" + l.subject() + "\n" + l.bodyHtml().replaceAll("<[^>]+>", " ").replace("&euro;", "€")
                    .replaceAll("\\s+", " ")).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] merge(List<byte[]> pdfs) {
            throw new UnsupportedOperationException();
        }
    };

    @BeforeAll
    static void setUp() {
        ApplicationsTest.setUp();
        Clock clock = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);
        AuditLog log = new AuditLog() {
            public long record(AuditEntry entry) {
                audit.add(entry);
                return 0;
            }

            public long record(java.sql.Connection c, AuditEntry entry) {
                audit.add(entry);
                return 0;
            }
        };
        letters = new AppreciationLetters(ApplicationsTest.db, ApplicationsTest.store, TEMPLATES, TEXT_LETTERS,
                ApplicationsTest.directory, log, clock);
        apps = new Applications(ApplicationsTest.db, ApplicationsTest.store, ApplicationsTest.directory,
                ApplicationsTest.plugins, clock, letters, null);
    }

    @AfterAll
    static void tearDown() {
        ApplicationsTest.tearDown();
    }

    @BeforeEach
    void empty() {
        ApplicationsTest.db.execute("delete from appreciation_letter");
        ApplicationsTest.db.execute("delete from appreciation_objection");
        new ApplicationsTest().empty();
        audit.clear();
    }

    static Applications.Stored apply(String caregiverId, int houseNumber, String hours) {
        ApplicationsTest.caregiver(A, caregiverId, houseNumber, hours);
        return apps.apply(A, "consulent", new Applications.NewApplication(2026, caregiverId, "rel-" + caregiverId,
                "mantelzorger", false, null, Applications.BALIE));
    }

    static String text(String applicationId, LetterInfo l) {
        StoredLetter s = letters.find(A, applicationId, l.id()).orElseThrow();
        return new String(s.pdf(), StandardCharsets.UTF_8);
    }

    @Test
    void everyDecisionGetsALetterWithWhatTheAwbRequires() {
        Applications.Stored granted = apply("c1", 1, "10");
        assertEquals(Applications.GRANTED, granted.status());
        List<LetterInfo> l = letters.ofApplication(A, granted.id());
        assertEquals(1, l.size());
        assertEquals(LetterPolicy.GRANT, l.get(0).kind());
        String t = text(granted.id(), l.get(0));
        assertTrue(t.contains("Voor Naam c1"), t);                               // who
        assertTrue(t.contains("Straat 1"), t);                                    // address block
        assertTrue(t.contains("u krijgt de mantelzorgwaardering"), t);            // what was decided
        assertTrue(t.contains("€ 100,00"), t);                                    // amount
        assertTrue(t.contains("bankrekening"), t);                                // payout channel
        assertTrue(t.contains("1 januari 2027"), t);                              // expected date (6 weeks) / term end
        assertTrue(t.contains("Uren zorg per week"), t);                          // grounds per rule
        assertTrue(t.contains("U zorgt ten minste"), t);
        assertTrue(t.contains("bezwaar maken") && t.contains("binnen 6 weken"), t);  // objection clause
        assertTrue(t.contains("college van burgemeester en wethouders"), t);
        assertTrue(audit.stream().anyMatch(e -> e.activity().equals("waarderingsbrief.maken")
                && e.recordId().equals(l.get(0).id()) && "c1".equals(e.subjectId())));

        Applications.Stored refused = apply("c2", 2, "2");
        assertEquals(Applications.REJECTED, refused.status());
        LetterInfo r = letters.ofApplication(A, refused.id()).get(0);
        assertEquals(LetterPolicy.REFUSAL, r.kind());
        String rt = text(refused.id(), r);
        assertTrue(rt.contains("u krijgt de mantelzorgwaardering niet"), rt);
        assertTrue(rt.contains("U zorgt 2 uur per week"), rt);
        assertTrue(rt.contains("binnen 6 weken"), rt);

        // a consultant's refusal and approval write their letters too
        ApplicationsTest.policy.put(A + "|waardering.regels|2026", ApplicationsTest.POLICY.formatted("false"));
        Applications.Stored queued = apply("c3", 3, "10");
        assertTrue(letters.ofApplication(A, queued.id()).isEmpty(), "no decision, no letter");
        apps.reject(A, queued.id(), "consulent", "Dubbele aanvraag.");
        String ct = text(queued.id(), letters.ofApplication(A, queued.id()).get(0));
        assertTrue(ct.contains("Toelichting van de consulent: Dubbele aanvraag."), ct);
        Applications.Stored queued2 = apply("c4", 4, "10");
        apps.approve(A, queued2.id(), "consulent", null);
        assertEquals(LetterPolicy.GRANT, letters.ofApplication(A, queued2.id()).get(0).kind());
    }

    @Test
    void objectionThenDecisionOnObjectionWithItsOwnLetter() {
        Applications.Stored refused = apply("c1", 1, "2");
        Applications.Objection o = apps.object(A, refused.id(), "consulent", LocalDate.of(2026, 11, 20), "Ik zorg meer.");
        assertTrue(o.inTime());
        assertEquals(LocalDate.of(2027, 1, 1), o.deadline());
        assertEquals(Applications.OBJECTION, apps.find(A, refused.id()).orElseThrow().status());
        // the registration is corrected, the objection is grounded: re-evaluated and granted
        ApplicationsTest.caregiver(A, "c1", 1, "10");
        Applications.Stored after = apps.decideObjection(A, refused.id(), "consulent", "gegrond",
                "U zorgt 10 uur per week.");
        assertEquals(Applications.GRANTED, after.status());
        assertEquals(1, apps.grants(A, 2026));
        List<LetterInfo> l = letters.ofApplication(A, refused.id());
        assertEquals(List.of("afwijzing", "herziening"), l.stream().map(LetterInfo::kind).toList());
        String t = text(refused.id(), l.get(1));
        assertTrue(t.contains("Uw bezwaar is gegrond") && t.contains("U zorgt 10 uur per week.")
                && t.contains("€ 100,00") && t.contains("beroep"), t);
        assertEquals(l.get(1).id(), apps.objections(A, refused.id()).get(0).letterId());
        // after a decision on an objection: appeal to court, no second objection
        ProblemException again = assertThrows(ProblemException.class, () -> apps.object(A, refused.id(),
                "consulent", LocalDate.of(2026, 11, 20), "Nog eens."));
        assertEquals(409, again.status());
        assertEquals(Applications.GRANTED, apps.find(A, refused.id()).orElseThrow().status());
    }

    @Test
    void unfoundedObjectionKeepsTheDecisionAndALateOneIsFlagged() {
        Applications.Stored refused = apply("c1", 1, "2");
        // decided long ago: the term ended before the objection came in
        ApplicationsTest.db.execute("update appreciation_application set decided_at = timestamp with time zone"
                + " '2026-09-01 10:00:00+00' where id = '" + refused.id() + "'");
        Applications.Objection late = apps.object(A, refused.id(), "consulent", LocalDate.of(2026, 11, 19), "Te laat.");
        assertFalse(late.inTime());
        assertEquals(LocalDate.of(2026, 10, 13), late.deadline());
        Applications.Stored after = apps.decideObjection(A, refused.id(), "consulent", "ongegrond",
                "Het bezwaar kwam na de termijn binnen en u zorgt minder dan 8 uur per week.");
        assertEquals(Applications.REJECTED, after.status());
        assertEquals(0, apps.grants(A, 2026));
        String t = text(refused.id(), letters.ofApplication(A, refused.id()).get(1));
        assertTrue(t.contains("Uw bezwaar is ongegrond"), t);
        ReportResource.ObjectionCounts c = new ReportResource(apps).build(A, 2026).objections();
        assertEquals(new ReportResource.ObjectionCounts(1, 0, 1, 0, 1, 0), c);
    }

    @Test
    void theStateMachineIsStrictAndARefusalChangesNothing() {
        ApplicationsTest.policy.put(A + "|waardering.regels|2026", ApplicationsTest.POLICY.formatted("false"));
        Applications.Stored submitted = apply("c1", 1, "10");
        assertEquals(409, assertThrows(ProblemException.class, () -> apps.object(A, submitted.id(), "consulent",
                LocalDate.of(2026, 11, 20), "x")).status());
        assertEquals(409, assertThrows(ProblemException.class, () -> apps.decideObjection(A, submitted.id(),
                "consulent", "ongegrond", "x")).status());
        Applications.Stored granted = apps.approve(A, submitted.id(), "consulent", null);
        assertEquals(400, assertThrows(ProblemException.class, () -> apps.object(A, granted.id(), "consulent",
                LocalDate.of(2026, 11, 21), "x")).status(), "in the future");
        apps.object(A, granted.id(), "consulent", LocalDate.of(2026, 11, 20), "Te weinig.");
        assertEquals(409, assertThrows(ProblemException.class, () -> apps.object(A, granted.id(), "consulent",
                LocalDate.of(2026, 11, 20), "Nog een.")).status(), "one pending at a time");
        assertEquals(409, assertThrows(ProblemException.class, () -> apps.decideObjection(A, granted.id(),
                "consulent", "gegrond", "x")).status(), "a grant cannot be revised here");
        assertEquals(Applications.OBJECTION, apps.find(A, granted.id()).orElseThrow().status());
        assertEquals(1, letters.ofApplication(A, granted.id()).size());
        assertEquals(1, apps.objections(A, granted.id()).size());
        assertTrue(apps.objections(A, granted.id()).get(0).outcome() == null);
    }

    @Test
    void aTemplateWithAnUnknownPlaceholderIsRefusedNamingIt() throws Exception {
        LettersPolicyValidator v = new LettersPolicyValidator(TEMPLATES);
        List<FieldViolation> p = v.validate(A, LetterPolicy.KEY, null,
                "{\"toekenning\": {\"tekst\": \"<p>Beste {{naam}}, u krijgt {{bedragg}}.</p>\"}}");
        assertEquals(1, p.size(), p.toString());
        assertEquals("toekenning.tekst", p.get(0).field());
        assertTrue(p.get(0).reason().contains("bedragg"), p.get(0).reason());
        assertEquals(List.of(), v.validate(A, LetterPolicy.KEY, null, "{\"bezwaar\": {\"termijnWeken\": 6,"
                + " \"email\": \"bezwaar@gemeente.nl\"}, \"afwijzing\": {\"tekst\": \"<p>{{#nietVoldaan}}{{uitleg}}"
                + "{{/nietVoldaan}}</p>\"}}"));
        assertEquals("bezwaar.termijnWeken", v.validate(A, LetterPolicy.KEY, null,
                "{\"bezwaar\": {\"termijnWeken\": 4}}").get(0).field());
        // every built-in default uses only its documented placeholders
        for (String kind : LetterPolicy.KINDS) {
            LetterPolicy.Template t = LetterPolicy.defaults().template(kind);
            assertEquals(List.of(), TEMPLATES.check(kind + ".tekst", t.text(), LetterPolicy.PLACEHOLDERS.get(kind)));
            assertEquals(List.of(), TEMPLATES.check(kind + ".onderwerp", t.subject(),
                    LetterPolicy.PLACEHOLDERS.get(kind)));
        }
        // the policy's e-mail address for objections reaches the letter
        ApplicationsTest.policy.put(A + "|" + LetterPolicy.KEY + "|2026",
                "{\"bezwaar\": {\"email\": \"bezwaar@gemeente.nl\", \"termijnWeken\": 8}}");
        Applications.Stored granted = apply("c1", 1, "10");
        String t = text(granted.id(), letters.ofApplication(A, granted.id()).get(0));
        assertTrue(t.contains("bezwaar@gemeente.nl") && t.contains("binnen 8 weken"), t);
        assertTrue(new String(letters.preview(A, "herziening", new ObjectMapper().readTree("{}")),
                StandardCharsets.UTF_8).contains("J. Jansen"));
    }

    @Test
    void erasureDeletesTheLettersAndKeepsThePseudonymisedDecision() {
        Applications.Stored refused = apply("c1", 1, "2");
        apps.object(A, refused.id(), "consulent", LocalDate.of(2026, 11, 20), "Mijn moeder is ziek.");
        assertEquals(1, letters.ofCaregiver(A, "c1").size());
        AppreciationPrivacy privacy = new AppreciationPrivacy(apps, new AuditLog() {
            public long record(AuditEntry entry) {
                return 0;
            }

            public long record(java.sql.Connection c, AuditEntry entry) {
                audit.add(entry);
                return 0;
            }
        }, ApplicationsTest.directory);
        assertTrue(privacy.export(A, "c1").containsKey("brieven"));
        privacy.pseudonymise(A, "c1");
        assertEquals(List.of(), letters.ofCaregiver(A, "c1"));
        assertEquals(List.of(), letters.ofApplication(A, refused.id()));
        assertEquals(Applications.OBJECTION, apps.find(A, refused.id()).orElseThrow().status());
        assertEquals(null, apps.objections(A, refused.id()).get(0).grounds());
        assertTrue(audit.stream().anyMatch(e -> e.activity().equals("waarderingsbrief.verwijderen")));
        assertEquals(new BigDecimal("0"), BigDecimal.valueOf(letters.ofCaregiver(A, "c1").size()));
    }
}
