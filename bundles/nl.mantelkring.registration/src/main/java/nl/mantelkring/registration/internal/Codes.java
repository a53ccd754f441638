package nl.mantelkring.registration.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The API's code lists (Dutch codes, as in {@code domain.md}), each with its Dutch label. */
final class Codes {

    static final Map<String, String> RELATIONS = labels(
            "partner", "Partner",
            "ouder", "Ouder",
            "kind", "Kind",
            "ander-familielid", "Ander familielid",
            "buur", "Buurman of buurvrouw",
            "vriend", "Vriend of kennis",
            "anders", "Anders");

    static final Map<String, String> CARE_KINDS = labels(
            "huishouden", "Huishoudelijke hulp",
            "persoonlijke-verzorging", "Persoonlijke verzorging",
            "verpleegkundige-zorg", "Verpleegkundige handelingen",
            "begeleiding", "Begeleiding en toezicht",
            "emotionele-steun", "Emotionele steun",
            "administratie", "Administratie en regelwerk",
            "vervoer", "Vervoer en begeleiding naar afspraken");

    static final Map<String, String> CHANNELS = labels(
            "e-mail", "E-mail",
            "telefoon", "Telefoon",
            "post", "Post");

    static final Map<String, String> CONSENT_PURPOSES = labels(
            "waardering", "Mantelzorgwaardering aanvragen en uitbetalen",
            "nieuwsbrief", "Nieuwsbrief en uitnodigingen ontvangen",
            "contact-steunpunt", "Contact opnemen door het steunpunt mantelzorg",
            "doorverwijzing", "Gegevens delen bij doorverwijzing naar een andere organisatie",
            "werkgeverskoppeling", "Koppeling met werkgever voor werk en mantelzorg");

    static final Map<String, String> CONSENT_SOURCES = labels(
            "mondeling", "Mondeling gegeven (aantekening door consulent)",
            "schriftelijk", "Schriftelijk of per formulier",
            "digitaal", "Digitaal (e-mail, website)");

    static final Map<String, String> RELATION_END_REASONS = labels(
            "zorg-beeindigd", "De zorg is gestopt",
            "zorgvrager-overleden", "De zorgvrager is overleden",
            "verhuisd", "Verhuisd",
            "opgenomen", "De zorgvrager is opgenomen in een instelling",
            "anders", "Anders");

    static final Map<String, String> DEREGISTRATION_REASONS = labels(
            "op-verzoek", "Op verzoek van de mantelzorger",
            "geen-mantelzorg-meer", "Geen mantelzorger meer",
            "verhuisd", "Verhuisd naar een andere gemeente",
            "overleden", "Overleden",
            "anders", "Anders");

    /** Purposes for which a consultant may see a full BSN or IBAN. */
    static final Map<String, String> REVEAL_PURPOSES = labels(
            "uitbetaling", "Uitbetaling van de mantelzorgwaardering",
            "brp-controle", "Controle in de Basisregistratie Personen",
            "correctie", "Controle of correctie op verzoek van de mantelzorger",
            "inzageverzoek", "Afhandeling van een inzageverzoek");

    static final String ACTIVE = "actief";
    static final String DEREGISTERED = "uitgeschreven";
    static final String ENDED = "beeindigd";
    static final Set<String> OUTCOMES = Set.of("groen", "oranje", "rood");

    private static Map<String, String> labels(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private Codes() {
    }
}
