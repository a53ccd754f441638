package nl.mantelkring.appreciation.internal.letters;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.documents.Templates;

/**
 * The tenant's letter templates, policy {@value #KEY} (per year or for every year), merged over the built-in B1
 * defaults: what the value leaves out keeps its default.
 *
 * <pre>{@code
 * {"toekenning": {"onderwerp": "...", "tekst": "<p>Beste {{naam}}, ...</p>"},
 *  "afwijzing": {...}, "herziening": {...}, "waardebon": {...},
 *  "bezwaar": {"termijnWeken": 6, "postadres": "Postbus 1, 1000 AA Stad", "email": "bezwaar@gemeente.nl",
 *              "webformulier": "https://gemeente.nl/bezwaar"},
 *  "uitbetaling": {"binnenWeken": 6}}
 * }</pre>
 * {@code onderwerp} is plain text, {@code tekst} a Mustache template producing the body as an HTML fragment
 * ({@code p, h2, h3, ul, ol, li, table, tr, th, td, strong, em, br}); the letterhead, address block, date, reference
 * and signature block come from the platform's {@code Letters}. The placeholders each kind may use are
 * {@link #PLACEHOLDERS}; every value is filled (never missing), yes/no values are for sections only.
 *
 * @param templates  per kind ({@link #KINDS}) its subject and text
 * @param objection  the objection clause's data
 * @param payoutWeeks within how many weeks after the decision a payout is expected (for the letter's expected date)
 * @param version    the policy version the value came from, null for the built-in defaults
 */
public record LetterPolicy(Map<String, Template> templates, Objection objection, int payoutWeeks, Integer version) {

    public static final String KEY = "waardering.brieven";
    public static final String GRANT = "toekenning";
    public static final String REFUSAL = "afwijzing";
    public static final String REVIEW = "herziening";
    public static final String VOUCHER = "waardebon";
    public static final List<String> KINDS = List.of(GRANT, REFUSAL, REVIEW, VOUCHER);

    /** One kind's template: {@code onderwerp} (plain text) and {@code tekst} (HTML body). */
    public record Template(String subject, String text) {
    }

    /**
     * Where and within what term to object ({@code bezwaar}); at least the default "address at the top of this
     * letter" is always there.
     */
    public record Objection(int weeks, String postalAddress, String email, String webForm) {
    }

    /** Placeholders every kind has: the addressee, the letter and the objection clause. */
    static final Set<String> COMMON = Set.of("naam", "datum", "kenmerk", "jaar", "aanvraagdatum",
            "bezwaarTermijnWeken", "bezwaarUiterlijk", "metPostadres", "bezwaarPostadres", "metEmail",
            "bezwaarEmail", "metWebformulier", "bezwaarWebformulier");
    /** The decision's content: amount, payout, grounds per rule (a list of {@code regel, uitleg, voldaan}). */
    static final Set<String> DECISION = Set.of("bedrag", "bedragBekend", "bedragVoorlopig", "uitbetaalwijze",
            "geld", "waardebon", "verwachteBetaaldatum", "gronden", "nietVoldaan", "regel", "uitleg", "voldaan",
            "metToelichting", "besluitToelichting");
    /** The decision on an objection. */
    static final Set<String> REVIEW_ONLY = Set.of("bezwaarOntvangenOp", "gegrond", "ongegrond", "motivering",
            "toegekend", "afgewezen");
    /** The voucher. */
    static final Set<String> VOUCHER_ONLY = Set.of("waardeboncode", "geldigTot", "bedrag", "bedragBekend");

    /** Every kind's placeholders (the documentation of each is in {@code docs/letters.md} and the Brieven page). */
    public static final Map<String, Set<String>> PLACEHOLDERS = Map.of(
            GRANT, union(COMMON, DECISION),
            REFUSAL, union(COMMON, DECISION),
            REVIEW, union(COMMON, DECISION, REVIEW_ONLY),
            VOUCHER, union(COMMON, VOUCHER_ONLY));

    /** The built-in defaults (B1 Dutch, with everything the Awb asks of a decision). */
    public static LetterPolicy defaults() {
        return new LetterPolicy(DefaultLetters.TEMPLATES, new Objection(6, null, null, null), 6, null);
    }

    public Template template(String kind) {
        return templates.get(kind);
    }

    /** The value's problems, each with its path ({@code toekenning.tekst}) and a Dutch reason. */
    public static final class Invalid extends RuntimeException {
        private final transient List<FieldViolation> problems;

        Invalid(List<FieldViolation> problems) {
            super(problems.size() + " problem(s) in " + KEY);
            this.problems = List.copyOf(problems);
        }

        public List<FieldViolation> problems() {
            return problems;
        }
    }

    /**
     * Parses a value over the defaults, checking every template with {@link Templates#check} against its kind's
     * placeholders.
     *
     * @throws Invalid naming every problem (an unknown placeholder by name, under {@code <kind>.tekst})
     */
    public static LetterPolicy parse(JsonNode n, Templates engine, Integer version) {
        List<FieldViolation> problems = new ArrayList<>();
        LetterPolicy d = defaults();
        if (n == null || !n.isObject()) {
            throw new Invalid(List.of(new FieldViolation("", "Verwacht een JSON-object met de sjablonen per soort"
                    + " brief (" + String.join(", ", KINDS) + "), bezwaar en uitbetaling.")));
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!KINDS.contains(f) && !"bezwaar".equals(f) && !"uitbetaling".equals(f)) {
                problems.add(new FieldViolation(f, "Onbekend veld. Toegestaan: " + String.join(", ", KINDS)
                        + ", bezwaar, uitbetaling."));
            }
        }
        Map<String, Template> templates = new LinkedHashMap<>(d.templates());
        for (String kind : KINDS) {
            JsonNode t = n.get(kind);
            if (t == null || t.isNull()) {
                continue;
            }
            if (!t.isObject()) {
                problems.add(new FieldViolation(kind, "Verwacht een object met onderwerp en tekst."));
                continue;
            }
            for (Iterator<String> it = t.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!"onderwerp".equals(f) && !"tekst".equals(f)) {
                    problems.add(new FieldViolation(kind + "." + f, "Onbekend veld. Toegestaan: onderwerp, tekst."));
                }
            }
            String subject = text(problems, kind + ".onderwerp", t.get("onderwerp"), 200,
                    templates.get(kind).subject());
            String text = text(problems, kind + ".tekst", t.get("tekst"), 20_000, templates.get(kind).text());
            if (subject.contains("\n")) {
                problems.add(new FieldViolation(kind + ".onderwerp", "Eén regel, zonder regeleinde."));
            }
            problems.addAll(engine.check(kind + ".onderwerp", subject, PLACEHOLDERS.get(kind)));
            problems.addAll(engine.check(kind + ".tekst", text, PLACEHOLDERS.get(kind)));
            templates.put(kind, new Template(subject, text));
        }
        Objection objection = d.objection();
        JsonNode b = n.get("bezwaar");
        if (b != null && !b.isNull()) {
            if (!b.isObject()) {
                problems.add(new FieldViolation("bezwaar", "Verwacht een object met termijnWeken, postadres, email,"
                        + " webformulier."));
            } else {
                for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!Set.of("termijnWeken", "postadres", "email", "webformulier").contains(f)) {
                        problems.add(new FieldViolation("bezwaar." + f, "Onbekend veld. Toegestaan: termijnWeken,"
                                + " postadres, email, webformulier."));
                    }
                }
                int weeks = objection.weeks();
                JsonNode w = b.get("termijnWeken");
                if (w != null && !w.isNull()) {
                    if (!w.canConvertToInt() || !w.isIntegralNumber() || w.asInt() < 6 || w.asInt() > 26) {
                        problems.add(new FieldViolation("bezwaar.termijnWeken", "Een heel aantal weken van 6 tot en"
                                + " met 26: de Awb (art. 6:7) geeft ten minste zes weken."));
                    } else {
                        weeks = w.asInt();
                    }
                }
                String postal = optional(problems, "bezwaar.postadres", b.get("postadres"), 300);
                String email = optional(problems, "bezwaar.email", b.get("email"), 200);
                if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                    problems.add(new FieldViolation("bezwaar.email", "Geen geldig e-mailadres."));
                }
                String web = optional(problems, "bezwaar.webformulier", b.get("webformulier"), 300);
                if (web != null && !web.matches("https://\\S+")) {
                    problems.add(new FieldViolation("bezwaar.webformulier", "Een adres dat begint met https://."));
                }
                objection = new Objection(weeks, postal, email, web);
            }
        }
        int payoutWeeks = d.payoutWeeks();
        JsonNode u = n.get("uitbetaling");
        if (u != null && !u.isNull()) {
            JsonNode w = u.get("binnenWeken");
            if (!u.isObject() || u.size() != 1 || w == null || !w.isIntegralNumber() || w.asInt() < 1
                    || w.asInt() > 52) {
                problems.add(new FieldViolation("uitbetaling.binnenWeken", "Een heel aantal weken van 1 tot en met 52"
                        + " waarbinnen de mantelzorger de uitbetaling kan verwachten."));
            } else {
                payoutWeeks = w.asInt();
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new LetterPolicy(Map.copyOf(templates), objection, payoutWeeks, version);
    }

    private static String text(List<FieldViolation> problems, String field, JsonNode v, int max, String fallback) {
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(new FieldViolation(field, "Verwacht tekst (niet leeg)."));
            return fallback;
        }
        if (v.asText().length() > max) {
            problems.add(new FieldViolation(field, "Ten hoogste " + max + " tekens."));
        }
        return v.asText();
    }

    private static String optional(List<FieldViolation> problems, String field, JsonNode v, int max) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
            problems.add(new FieldViolation(field, "Verwacht tekst van ten hoogste " + max + " tekens."));
            return null;
        }
        return v.asText().strip();
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> out = new LinkedHashSet<>();
        for (Set<String> s : sets) {
            out.addAll(new java.util.TreeSet<>(s));
        }
        return java.util.Collections.unmodifiableSet(out);
    }
}
