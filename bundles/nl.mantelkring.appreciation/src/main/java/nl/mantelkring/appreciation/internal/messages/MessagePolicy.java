package nl.mantelkring.appreciation.internal.messages;

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
 * Policy {@code waardering.berichten} (per year or every year): per kind of message a subject ({@code onderwerp})
 * and a plain-text body ({@code tekst}), both Mustache templates. A kind or field left out falls back to the built-in
 * default (B1 Dutch). Example: {@code {"ontvangen": {"onderwerp": "We hebben uw aanvraag", "tekst": "Beste
 * {{naam}}, ..."}}}.
 *
 * <p>Placeholders per kind (every kind also has {@code naam} and {@code jaar}):
 * <ul>
 *   <li>{@code ontvangen}: {@code aanvraagnummer}, {@code ontvangenOp}</li>
 *   <li>{@code informatie-nodig}: {@code aanvraagnummer}, {@code toelichting}</li>
 *   <li>{@code besluit}: {@code aanvraagnummer}, sections {@code toegekend}, {@code afgewezen}, {@code herziening};
 *       {@code bedrag} (the caregiver's own amount, when granted), {@code uitbetaalwijze}</li>
 *   <li>{@code uitbetaald}: {@code bedrag}, {@code betaaldOp}</li>
 *   <li>{@code waardebon}: {@code bedrag}, {@code geldigTot}</li>
 *   <li>{@code uitnodiging}: {@code aanvragenVanaf}, {@code aanvragenTotEnMet}</li>
 * </ul>
 * Messages carry the minimum: never a BSN, IBAN, another person's data or health details.
 */
public final class MessagePolicy {

    public static final String KEY = "waardering.berichten";

    public static final String RECEIVED = "ontvangen";
    public static final String INFORMATION = "informatie-nodig";
    public static final String DECIDED = "besluit";
    public static final String PAID = "uitbetaald";
    public static final String VOUCHER = "waardebon";
    public static final String INVITATION = "uitnodiging";

    static final String SUBJECT = "onderwerp";
    static final String TEXT = "tekst";
    static final int MAX_TEMPLATE = 20_000;

    private static final Set<String> COMMON = Set.of("naam", "jaar");

    /** The placeholders each kind's templates may use. */
    public static final Map<String, Set<String>> PLACEHOLDERS = placeholders();

    /** A kind's templates. */
    public record Template(String subject, String text) {
    }

    private static final String GREETING = "Beste {{naam}},\n\n";
    private static final String CLOSING = "\n\nMet vriendelijke groet,\n\nTeam Mantelzorg van uw gemeente\n";

    /** The built-in defaults, B1 Dutch. */
    public static final Map<String, Template> DEFAULTS = Map.of(
            RECEIVED, new Template("We hebben uw aanvraag ontvangen",
                    GREETING + "Op {{ontvangenOp}} hebben we uw aanvraag voor de mantelzorgwaardering {{jaar}}"
                            + " ontvangen. Uw aanvraagnummer is {{aanvraagnummer}}.\n\nWe bekijken uw aanvraag. U"
                            + " krijgt van ons een brief met ons besluit. Hebben we meer informatie nodig? Dan laten"
                            + " we dat weten." + CLOSING),
            INFORMATION, new Template("We hebben meer informatie nodig over uw aanvraag",
                    GREETING + "We bekijken uw aanvraag voor de mantelzorgwaardering {{jaar}} (aanvraagnummer"
                            + " {{aanvraagnummer}}). Daarvoor hebben we meer informatie van u nodig:\n\n{{toelichting}}"
                            + "\n\nWilt u ons dit zo snel mogelijk laten weten? Noem dan uw aanvraagnummer." + CLOSING),
            DECIDED, new Template("Besluit over uw mantelzorgwaardering {{jaar}}",
                    GREETING + "We hebben een besluit genomen over uw aanvraag voor de mantelzorgwaardering {{jaar}}"
                            + " (aanvraagnummer {{aanvraagnummer}}).{{#herziening}} Dit is ons nieuwe besluit na uw"
                            + " bezwaar.{{/herziening}}\n\n{{#toegekend}}U krijgt de mantelzorgwaardering: {{bedrag}}"
                            + " ({{uitbetaalwijze}}).{{/toegekend}}{{#afgewezen}}U krijgt de mantelzorgwaardering"
                            + " niet.{{/afgewezen}}\n\nIn de brief leest u waarom, en wat u kunt doen als u het niet"
                            + " eens bent met het besluit. U vindt de brief in de bijlage." + CLOSING),
            PAID, new Template("Uw mantelzorgwaardering {{jaar}} is betaald",
                    GREETING + "Op {{betaaldOp}} hebben we uw mantelzorgwaardering {{jaar}} van {{bedrag}} naar uw"
                            + " bankrekening overgemaakt. Het kan een paar dagen duren voor u het geld ziet."
                            + CLOSING),
            VOUCHER, new Template("Uw waardebon voor de mantelzorgwaardering {{jaar}}",
                    GREETING + "U krijgt de mantelzorgwaardering {{jaar}} als waardebon van {{bedrag}}. De waardebon"
                            + " met de code vindt u in de brief in de bijlage. De bon is geldig tot en met"
                            + " {{geldigTot}}." + CLOSING),
            INVITATION, new Template("Vraag de mantelzorgwaardering {{jaar}} aan",
                    GREETING + "Vorig jaar vroeg u de mantelzorgwaardering aan. Zorgt u nog steeds voor iemand? Dan"
                            + " kunt u de mantelzorgwaardering {{jaar}} aanvragen, van {{aanvragenVanaf}} tot en met"
                            + " {{aanvragenTotEnMet}}.\n\nU krijgt dit bericht omdat u ons toestemming gaf om u te"
                            + " informeren. Wilt u dit niet meer? Laat het ons weten." + CLOSING));

    private MessagePolicy() {
    }

    private static Map<String, Set<String>> placeholders() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put(RECEIVED, with("aanvraagnummer", "ontvangenOp"));
        m.put(INFORMATION, with("aanvraagnummer", "toelichting"));
        m.put(DECIDED, with("aanvraagnummer", "toegekend", "afgewezen", "herziening", "bedrag", "uitbetaalwijze"));
        m.put(PAID, with("bedrag", "betaaldOp"));
        m.put(VOUCHER, with("bedrag", "geldigTot"));
        m.put(INVITATION, with("aanvragenVanaf", "aanvragenTotEnMet"));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Set<String> with(String... names) {
        Set<String> s = new LinkedHashSet<>(COMMON);
        s.addAll(List.of(names));
        return java.util.Collections.unmodifiableSet(s);
    }

    /** The message kind for the outbox ({@code waardering.<kind>}). */
    public static String messageKind(String kind) {
        return "waardering." + kind;
    }

    /**
     * The kind's templates from the policy value (null: none set), each field falling back to the default. Assumes a
     * value the validator accepted; a malformed field also falls back to the default.
     */
    public static Template template(JsonNode value, String kind) {
        Template d = DEFAULTS.get(kind);
        JsonNode k = value == null ? null : value.get(kind);
        if (k == null || !k.isObject()) {
            return d;
        }
        JsonNode s = k.get(SUBJECT);
        JsonNode t = k.get(TEXT);
        return new Template(s != null && s.isTextual() && !s.asText().isBlank() ? s.asText() : d.subject(),
                t != null && t.isTextual() && !t.asText().isBlank() ? t.asText() : d.text());
    }

    /** The problems of a policy value, each with its path ({@code <kind>.<field>}); empty when usable. */
    public static List<FieldViolation> validate(JsonNode value, Templates templates) {
        List<FieldViolation> problems = new ArrayList<>();
        if (value == null || !value.isObject()) {
            problems.add(new FieldViolation("", "Verwacht een object met per soort bericht een onderwerp en tekst."));
            return problems;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String kind = e.getKey();
            Set<String> allowed = PLACEHOLDERS.get(kind);
            if (allowed == null) {
                problems.add(new FieldViolation(kind, "Onbekende soort bericht; kies uit "
                        + String.join(", ", PLACEHOLDERS.keySet()) + "."));
                continue;
            }
            if (!e.getValue().isObject()) {
                problems.add(new FieldViolation(kind, "Verwacht een object met onderwerp en tekst."));
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> f = e.getValue().fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> field = f.next();
                String path = kind + "." + field.getKey();
                if (!SUBJECT.equals(field.getKey()) && !TEXT.equals(field.getKey())) {
                    problems.add(new FieldViolation(path, "Onbekend veld; alleen onderwerp en tekst."));
                } else if (!field.getValue().isTextual() || field.getValue().asText().isBlank()) {
                    problems.add(new FieldViolation(path, "Verwacht tekst (laat het veld weg voor de standaardtekst)."));
                } else if (SUBJECT.equals(field.getKey()) && field.getValue().asText().length() > 200) {
                    problems.add(new FieldViolation(path, "Te lang: het onderwerp is hoogstens 200 tekens."));
                } else if (field.getValue().asText().length() > MAX_TEMPLATE) {
                    problems.add(new FieldViolation(path, "Te lang: hoogstens " + MAX_TEMPLATE + " tekens."));
                } else {
                    problems.addAll(templates.check(path, field.getValue().asText(), allowed));
                }
            }
        }
        return problems;
    }

    /** A rendered subject: one line, at most 200 characters. */
    static String subjectLine(String rendered) {
        String s = rendered.replaceAll("\\s+", " ").strip();
        return s.length() > 200 ? s.substring(0, 199) + "…" : s;
    }
}
