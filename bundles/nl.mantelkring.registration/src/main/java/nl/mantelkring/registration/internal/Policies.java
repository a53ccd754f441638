package nl.mantelkring.registration.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.policy.PolicyStore;

/**
 * Reads the module's tenant policy (keys {@code registratie.*}); defaults ship here. A value that does not have
 * the documented shape is reported (503 {@code beleid-onbruikbaar}) rather than silently replaced by the defaults.
 */
@Component(service = Policies.class)
public class Policies {

    static final String BSN_KEY = "registratie.bsn";
    static final String RETENTION_KEY = "registratie.bewaartermijn";
    static final String CHECK_KEY = "registratie.belastingscheck";

    /** Whether a BSN is recorded: {@code nee} (never), {@code optioneel}, {@code verplicht}. */
    enum BsnRule { NEE, OPTIONEEL, VERPLICHT }

    record BsnPolicy(BsnRule caregiver, BsnRule recipient) {
        static final BsnPolicy DEFAULT = new BsnPolicy(BsnRule.NEE, BsnRule.NEE);
    }

    /**
     * Retention in months: after deregistration; after the last care relation ended (none active); since
     * registration when there never was a relation (null: kept until deregistered).
     */
    record Retention(int afterDeregistration, int afterLastRelationEnded, Integer withoutRelation) {
        static final Retention DEFAULT = new Retention(3, 12, 24);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final PolicyStore store;

    @Activate
    public Policies(@Reference PolicyStore store) {
        this.store = store;
    }

    private static int year() {
        return LocalDate.now(Clocks.ZONE).getYear();
    }

    private JsonNode read(String tenant, String key) {
        return store.current(tenant, key, year()).map(v -> {
            try {
                return MAPPER.readTree(v.value());
            } catch (JsonProcessingException e) {
                throw unusable(key, "geen geldige JSON");
            }
        }).orElse(null);
    }

    BsnPolicy bsn(String tenant) {
        JsonNode n = read(tenant, BSN_KEY);
        if (n == null) {
            return BsnPolicy.DEFAULT;
        }
        if (!n.isObject()) {
            throw unusable(BSN_KEY, "verwacht een object met 'mantelzorger' en 'zorgvrager'");
        }
        return new BsnPolicy(rule(n, "mantelzorger"), rule(n, "zorgvrager"));
    }

    private static BsnRule rule(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return BsnRule.NEE;
        }
        for (BsnRule r : BsnRule.values()) {
            if (r.name().equalsIgnoreCase(v.asText()) && v.isTextual()) {
                return r;
            }
        }
        throw unusable(BSN_KEY, "'" + field + "' moet nee, optioneel of verplicht zijn");
    }

    Retention retention(String tenant) {
        JsonNode n = read(tenant, RETENTION_KEY);
        if (n == null) {
            return Retention.DEFAULT;
        }
        if (!n.isObject()) {
            throw unusable(RETENTION_KEY, "verwacht een object");
        }
        return new Retention(months(n, "maandenNaUitschrijving", Retention.DEFAULT.afterDeregistration()),
                months(n, "maandenNaEindeZorgrelaties", Retention.DEFAULT.afterLastRelationEnded()),
                n.has("maandenZonderZorgrelatie") && n.get("maandenZonderZorgrelatie").isNull() ? null
                        : months(n, "maandenZonderZorgrelatie", Retention.DEFAULT.withoutRelation()));
    }

    private static int months(JsonNode n, String field, int fallback) {
        JsonNode v = n.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isInt() || v.asInt() < 0 || v.asInt() > 1200) {
            throw unusable(RETENTION_KEY, "'" + field + "' moet een geheel aantal maanden zijn (0-1200)");
        }
        return v.asInt();
    }

    Questionnaire questionnaire(String tenant) {
        JsonNode n = read(tenant, CHECK_KEY);
        if (n == null) {
            return Questionnaire.DEFAULT;
        }
        try {
            return Questionnaire.parse(n);
        } catch (IllegalArgumentException e) {
            throw unusable(CHECK_KEY, e.getMessage());
        }
    }

    /** The self-check's advice for caregivers (policy {@code registratie.zelftest}); defaults when unset. */
    SelfCheck.Policy selfCheck(String tenant) {
        JsonNode n = read(tenant, SelfCheck.KEY);
        if (n == null) {
            return SelfCheck.DEFAULT;
        }
        try {
            return SelfCheck.parse(n);
        } catch (SelfCheck.Invalid e) {
            throw unusable(SelfCheck.KEY, e.getMessage());
        }
    }

    static final String ERASURE_KEY = "registratie.wisverzoek";

    /** Who handles a citizen's request for erasure: a consultant (default) or the platform at once. */
    enum ErasureHandling {
        CONSULENT, DIRECT;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Reads {@code {"afhandeling": "consulent"|"direct"}}. */
        static ErasureHandling parse(JsonNode n) {
            if (!n.isObject() || !n.path("afhandeling").isTextual() || n.size() != 1) {
                throw new IllegalArgumentException("verwacht {\"afhandeling\": \"consulent\"} of"
                        + " {\"afhandeling\": \"direct\"}");
            }
            for (ErasureHandling h : values()) {
                if (h.code().equals(n.get("afhandeling").asText())) {
                    return h;
                }
            }
            throw new IllegalArgumentException("'afhandeling' moet consulent of direct zijn");
        }
    }

    ErasureHandling erasureHandling(String tenant) {
        JsonNode n = read(tenant, ERASURE_KEY);
        if (n == null) {
            return ErasureHandling.CONSULENT;
        }
        try {
            return ErasureHandling.parse(n);
        } catch (IllegalArgumentException e) {
            throw unusable(ERASURE_KEY, e.getMessage());
        }
    }

    static ProblemException unusable(String key, String why) {
        return ProblemException.unusablePolicy(key, why);
    }

    /** The questionnaire of the overload check (belastingscheck): questions, answer points, thresholds. */
    record Questionnaire(String version, List<Question> questions, int amberFrom, int redFrom,
                         Map<String, String> advice) {

        record Option(String code, String text, int points) {
        }

        record Question(String id, String text, String kind, List<Option> options) {
            Option option(String code) {
                return options.stream().filter(o -> o.code().equals(code)).findFirst().orElse(null);
            }

            int maxPoints() {
                return options.stream().mapToInt(Option::points).max().orElse(0);
            }
        }

        int maxScore() {
            return questions.stream().mapToInt(Question::maxPoints).sum();
        }

        String outcome(int score) {
            return score >= redFrom ? "rood" : score >= amberFrom ? "oranje" : "groen";
        }

        static Questionnaire parse(JsonNode n) {
            if (!n.isObject() || !n.path("versie").isTextual() || !n.path("vragen").isArray()
                    || n.path("vragen").isEmpty()) {
                throw new IllegalArgumentException("verwacht 'versie' (tekst) en 'vragen' (niet-lege lijst)");
            }
            List<Question> qs = new ArrayList<>();
            Set<String> ids = new java.util.HashSet<>();
            for (JsonNode q : n.get("vragen")) {
                String id = q.path("id").asText("");
                if (!id.matches("[a-z0-9][a-z0-9-]{0,39}") || !ids.add(id)) {
                    throw new IllegalArgumentException("elke vraag heeft een uniek 'id' (kleine letters, cijfers, -)");
                }
                if (!q.path("tekst").isTextual() || !q.path("antwoorden").isArray() || q.get("antwoorden").size() < 2) {
                    throw new IllegalArgumentException("vraag '" + id + "' mist 'tekst' of twee of meer 'antwoorden'");
                }
                String kind = q.path("soort").asText("draaglast");
                if (!kind.equals("draaglast") && !kind.equals("draagkracht")) {
                    throw new IllegalArgumentException("'soort' van vraag '" + id + "' is draaglast of draagkracht");
                }
                List<Option> opts = new ArrayList<>();
                for (JsonNode o : q.get("antwoorden")) {
                    if (!o.path("code").isTextual() || !o.path("tekst").isTextual() || !o.path("punten").isInt()
                            || o.get("punten").asInt() < 0) {
                        throw new IllegalArgumentException("antwoord van vraag '" + id
                                + "' heeft 'code', 'tekst' en 'punten' (geheel getal >= 0) nodig");
                    }
                    opts.add(new Option(o.get("code").asText(), o.get("tekst").asText(), o.get("punten").asInt()));
                }
                qs.add(new Question(id, q.get("tekst").asText(), kind, List.copyOf(opts)));
            }
            JsonNode t = n.path("drempels");
            if (!t.path("oranje").isInt() || !t.path("rood").isInt()
                    || t.get("oranje").asInt() > t.get("rood").asInt() || t.get("oranje").asInt() < 1) {
                throw new IllegalArgumentException("'drempels' heeft 'oranje' en 'rood' nodig (1 <= oranje <= rood)");
            }
            Map<String, String> advice = new LinkedHashMap<>();
            for (String o : List.of("groen", "oranje", "rood")) {
                advice.put(o, n.path("advies").path(o).asText(DEFAULT_ADVICE.get(o)));
            }
            return new Questionnaire(n.get("versie").asText(), List.copyOf(qs), t.get("oranje").asInt(),
                    t.get("rood").asInt(), advice);
        }

        static final Map<String, String> DEFAULT_ADVICE = Map.of(
                "groen", "De balans tussen draagkracht en draaglast lijkt goed. Bespreek over een jaar opnieuw hoe het gaat.",
                "oranje", "Let op: de zorg vraagt veel. Bespreek samen welke ondersteuning helpt, zoals respijtzorg, "
                        + "lotgenotencontact of hulp bij regelwerk, en maak een vervolgafspraak.",
                "rood", "Signaal van overbelasting. Bespreek zo snel mogelijk ontlasting (respijtzorg, extra hulp "
                        + "voor de zorgvrager) en verwijs zo nodig door naar de huisarts of het sociaal wijkteam.");

        /** The default set (Dutch), modelled on common short burden scans: six burden and two capacity items. */
        static final Questionnaire DEFAULT = defaults();

        private static Questionnaire defaults() {
            List<Option> burden = List.of(new Option("nee", "Nee", 0), new Option("soms", "Soms", 1),
                    new Option("vaak", "Vaak", 2));
            List<Option> capacity = List.of(new Option("ja", "Ja", 0), new Option("soms", "Soms", 1),
                    new Option("nee", "Nee", 2));
            List<Question> qs = List.of(
                    new Question("tijd-voor-mezelf", "Ik heb door de zorg te weinig tijd voor mezelf.", "draaglast", burden),
                    new Question("hele-dag", "De zorg legt beslag op mijn hele dag.", "draaglast", burden),
                    new Question("lichamelijk", "Ik voel me lichamelijk uitgeput door de zorg.", "draaglast", burden),
                    new Question("slaap", "Ik slaap slecht door de zorg of door zorgen.", "draaglast", burden),
                    new Question("werk-en-sociaal", "De zorg gaat ten koste van mijn werk, school of sociale contacten.",
                            "draaglast", burden),
                    new Question("zorgen", "Ik maak me voortdurend zorgen om degene voor wie ik zorg.", "draaglast", burden),
                    new Question("overdragen", "Ik kan de zorg af en toe aan iemand anders overlaten.", "draagkracht", capacity),
                    new Question("steun", "Ik heb mensen bij wie ik mijn verhaal kwijt kan.", "draagkracht", capacity));
            Map<String, String> advice = new LinkedHashMap<>();
            for (String o : List.of("groen", "oranje", "rood")) {
                advice.put(o, DEFAULT_ADVICE.get(o));
            }
            return new Questionnaire("standaard-2026", qs, 6, 11, advice);
        }
    }
}
