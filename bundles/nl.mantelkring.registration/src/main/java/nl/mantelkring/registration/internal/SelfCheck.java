package nl.mantelkring.registration.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.format.Postcode;
import nl.mantelkring.registration.internal.Policies.Questionnaire;

/**
 * The public self-check (zelftest) of the loket: the consultant's overload-check questionnaire and scoring
 * ({@link CheckResource#score}), with advice for the caregiver per outcome from the tenant's policy
 * {@code registratie.zelftest}: what it means, what to do now, whom to call, and which kinds of respite fit.
 */
final class SelfCheck {

    static final String KEY = "registratie.zelftest";
    static final List<String> OUTCOMES = List.of("groen", "oranje", "rood");

    /** Advice for one outcome: a heading, a short explanation, steps to take, respite kinds (respite module codes). */
    record Advice(@JsonProperty("titel") String title, @JsonProperty("tekst") String text,
                  @JsonProperty("stappen") List<String> steps,
                  @JsonProperty("respijtsoorten") List<String> respiteKinds) {
    }

    /** Whom to contact: the municipality's caregiver consultant or support point (never a person's own number). */
    record Contact(@JsonProperty("naam") String name, @JsonProperty("telefoon") String phone,
                   @JsonProperty("email") String email, @JsonProperty("website") String website,
                   @JsonProperty("bereikbaarheid") String hours) {
    }

    /** The policy value: advice per outcome and the contact. */
    record Policy(Map<String, Advice> advice, Contact contact) {
        /** The advice text per outcome, as a stored check shows it to the caregiver. */
        Map<String, String> texts() {
            Map<String, String> m = new LinkedHashMap<>();
            advice.forEach((outcome, a) -> m.put(outcome, a.text()));
            return m;
        }
    }

    /** One question that added to the score: what was asked, what was answered, how heavily it counted. */
    record Reason(@JsonProperty("vraag") String question, @JsonProperty("tekst") String text,
                  @JsonProperty("antwoord") String answer, @JsonProperty("punten") int points) {
    }

    /** The answer to a self-check: nothing in it identifies the person. */
    record Result(@JsonProperty("uitkomst") String outcome, @JsonProperty("score") int score,
                  @JsonProperty("maximaleScore") int maxScore,
                  @JsonProperty("vragenlijstVersie") String version,
                  @JsonProperty("redenen") List<Reason> reasons, @JsonProperty("advies") Advice advice,
                  @JsonProperty("contact") Contact contact) {
    }

    /** Scores the answers with the consultant's scoring code; violations go to {@code v}. */
    static Result evaluate(Validation v, Questionnaire q, Policy policy, Map<String, String> answers) {
        int score = CheckResource.score(v, q, answers);
        if (!v.ok()) {
            return null;
        }
        String outcome = q.outcome(score);
        List<Reason> reasons = new ArrayList<>();
        for (Questionnaire.Question question : q.questions()) {
            Questionnaire.Option o = question.option(answers.get(question.id()));
            if (o.points() > 0) {
                reasons.add(new Reason(question.id(), question.text(), o.text(), o.points()));
            }
        }
        reasons.sort(Comparator.comparingInt(Reason::points).reversed());   // stable: questionnaire order on ties
        return new Result(outcome, score, q.maxScore(), q.version(), List.copyOf(reasons),
                policy.advice().get(outcome), policy.contact());
    }

    /**
     * The PC4 area of an optional postcode: four digits ({@code 3511}) or a full postcode ({@code 3511 AB}, of which
     * only the four digits are kept). Null when absent.
     */
    static String pc4(Validation v, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String compact = value.strip();
        if (Postcode.isPc4(compact)) {
            return compact;
        }
        String normal = Postcode.normalise(compact);
        if (normal == null) {
            v.add(field, "Geef de vier cijfers van uw postcode (bijvoorbeeld 3511), of laat het veld leeg.");
            return null;
        }
        return normal.substring(0, 4);
    }

    // ---- policy ----

    static final Policy DEFAULT = new Policy(defaultAdvice(), new Contact("De mantelzorgconsulent van uw gemeente",
            null, null, null, "Bel uw gemeente op 14 met daarna het netnummer, bijvoorbeeld 14 030."
                    + " Vraag naar de mantelzorgconsulent."));

    private static Map<String, Advice> defaultAdvice() {
        Map<String, Advice> m = new LinkedHashMap<>();
        m.put("groen", new Advice("U houdt het goed vol",
                "U zorgt voor iemand en dat gaat nu goed. Let wel goed op uzelf. Het kan snel veranderen.",
                List.of("Doe de test over een paar maanden opnieuw.",
                        "Praat met iemand die u vertrouwt als het zwaarder wordt.",
                        "Kijk wat de gemeente voor mantelzorgers doet. Een mantelzorger is iemand die zorgt voor"
                                + " een naaste die ziek is of hulp nodig heeft."),
                List.of()));
        m.put("oranje", new Advice("Let op: de zorg is zwaar",
                "De zorg vraagt veel van u. Wacht niet te lang met hulp vragen. Dan houdt u het langer vol.",
                List.of("Bel de mantelzorgconsulent. Samen kijkt u wat u helpt.",
                        "Laat de zorg af en toe over aan een ander. Dat heet respijtzorg.",
                        "Praat met andere mantelzorgers, bijvoorbeeld bij een steunpunt mantelzorg."),
                List.of("dagactiviteiten", "oppas-thuis", "vrijwillige-respijtzorg")));
        m.put("rood", new Advice("U bent overbelast",
                "De zorg is nu te zwaar voor u. Dat is niet uw schuld. U heeft snel hulp nodig.",
                List.of("Bel vandaag nog de mantelzorgconsulent.",
                        "Vraag om respijtzorg: iemand anders neemt de zorg een tijd van u over.",
                        "Maak een afspraak met uw huisarts als u slecht slaapt of veel piekert."),
                List.of("dagopvang", "logeerzorg", "oppas-thuis", "nachtzorg")));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Thrown by {@link #parse} with every problem of the value, each with its path. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<FieldViolation> problems;

        Invalid(List<FieldViolation> problems) {
            super(problems.get(0).field() + ": " + problems.get(0).reason(), null, false, false);
            this.problems = List.copyOf(problems);
        }

        List<FieldViolation> problems() {
            return problems;
        }
    }

    /**
     * Reads the policy value: {@code {"advies": {"groen"|"oranje"|"rood": {"titel", "tekst", "stappen": [..],
     * "respijtsoorten": [..]}}, "contact": {"naam", "telefoon", "email", "website", "bereikbaarheid"}}}. An outcome or
     * the contact left out keeps its default; a field given must have the right shape.
     */
    static Policy parse(JsonNode n) {
        List<FieldViolation> problems = new ArrayList<>();
        if (!n.isObject()) {
            throw new Invalid(List.of(new FieldViolation("", "Verwacht een object met 'advies' en 'contact'.")));
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!f.equals("advies") && !f.equals("contact")) {
                problems.add(new FieldViolation(f, "Onbekend veld; toegestaan: advies, contact."));
            }
        });
        Map<String, Advice> advice = new LinkedHashMap<>(DEFAULT.advice());
        JsonNode a = n.path("advies");
        if (!a.isMissingNode() && !a.isObject()) {
            problems.add(new FieldViolation("advies", "Verwacht een object met groen, oranje en/of rood."));
        } else if (a.isObject()) {
            a.fieldNames().forEachRemaining(o -> {
                if (!OUTCOMES.contains(o)) {
                    problems.add(new FieldViolation("advies." + o, "Onbekende uitkomst; toegestaan: groen, oranje, rood."));
                }
            });
            for (String o : OUTCOMES) {
                JsonNode x = a.get(o);
                if (x != null) {
                    advice.put(o, advice(problems, "advies." + o, x, advice.get(o)));
                }
            }
        }
        Contact contact = DEFAULT.contact();
        JsonNode c = n.get("contact");
        if (c != null) {
            if (!c.isObject()) {
                problems.add(new FieldViolation("contact", "Verwacht een object."));
            } else {
                c.fieldNames().forEachRemaining(f -> {
                    if (!List.of("naam", "telefoon", "email", "website", "bereikbaarheid").contains(f)) {
                        problems.add(new FieldViolation("contact." + f, "Onbekend veld; toegestaan: naam, telefoon,"
                                + " email, website, bereikbaarheid."));
                    }
                });
                String name = text(problems, "contact.naam", c.get("naam"), 200, true);
                String phone = text(problems, "contact.telefoon", c.get("telefoon"), 30, false);
                if (phone != null && !phone.matches("\\+?[0-9][0-9 \\-]{2,28}")) {
                    problems.add(new FieldViolation("contact.telefoon", "Geen geldig telefoonnummer."));
                }
                String email = text(problems, "contact.email", c.get("email"), 254, false);
                if (email != null && !email.matches("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+")) {
                    problems.add(new FieldViolation("contact.email", "Geen geldig e-mailadres."));
                }
                String website = text(problems, "contact.website", c.get("website"), 300, false);
                if (website != null && !website.matches("https://[^\\s\"'<>]+")) {
                    problems.add(new FieldViolation("contact.website", "Geef een adres dat begint met https://."));
                }
                String hours = text(problems, "contact.bereikbaarheid", c.get("bereikbaarheid"), 300, false);
                if (phone == null && email == null && website == null && problems.isEmpty()) {
                    problems.add(new FieldViolation("contact", "Geef ten minste een telefoonnummer, e-mailadres of"
                            + " website."));
                }
                contact = new Contact(name, phone, email, website, hours);
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
        return new Policy(java.util.Collections.unmodifiableMap(advice), contact);
    }

    private static Advice advice(List<FieldViolation> problems, String path, JsonNode x, Advice fallback) {
        if (!x.isObject()) {
            problems.add(new FieldViolation(path, "Verwacht een object met titel, tekst, stappen en respijtsoorten."));
            return fallback;
        }
        x.fieldNames().forEachRemaining(f -> {
            if (!List.of("titel", "tekst", "stappen", "respijtsoorten").contains(f)) {
                problems.add(new FieldViolation(path + "." + f,
                        "Onbekend veld; toegestaan: titel, tekst, stappen, respijtsoorten."));
            }
        });
        String title = x.has("titel") ? text(problems, path + ".titel", x.get("titel"), 120, true) : fallback.title();
        String text = x.has("tekst") ? text(problems, path + ".tekst", x.get("tekst"), 1000, true) : fallback.text();
        List<String> steps = x.has("stappen") ? list(problems, path + ".stappen", x.get("stappen"), 10, 300, null)
                : fallback.steps();
        List<String> kinds = x.has("respijtsoorten") ? list(problems, path + ".respijtsoorten",
                x.get("respijtsoorten"), 10, 40, "[a-z][a-z0-9-]*") : fallback.respiteKinds();
        return new Advice(title, text, steps, kinds);
    }

    private static String text(List<FieldViolation> problems, String path, JsonNode v, int max, boolean required) {
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(new FieldViolation(path, "Verplicht veld."));
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(new FieldViolation(path, "Verwacht een tekst."));
            return null;
        }
        String t = v.asText().strip();
        if (t.length() > max) {
            problems.add(new FieldViolation(path, "Te lang: ten hoogste " + max + " tekens."));
        }
        return t;
    }

    private static List<String> list(List<FieldViolation> problems, String path, JsonNode v, int maxItems, int max,
                                     String pattern) {
        if (!v.isArray() || v.size() > maxItems) {
            problems.add(new FieldViolation(path, "Verwacht een lijst van ten hoogste " + maxItems + " teksten."));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String t = text(problems, path + "." + i, v.get(i), max, true);
            if (t != null && pattern != null && !t.matches(pattern)) {
                problems.add(new FieldViolation(path + "." + i, "Geen geldige code (kleine letters, cijfers, -)."));
            }
            if (t != null) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }

    private SelfCheck() {
    }
}
