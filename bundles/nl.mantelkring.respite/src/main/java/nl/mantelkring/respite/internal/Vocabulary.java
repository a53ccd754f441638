package nl.mantelkring.respite.internal;

import java.util.List;
import java.util.Map;

/** The fixed code lists of the catalogue (API values, Dutch, kebab-case). Order is the order shown to users. */
final class Vocabulary {

    /** Kind of respite (soort). */
    static final List<String> KINDS = List.of("dagopvang", "dagactiviteiten", "oppas-thuis", "logeerzorg",
            "nachtzorg", "respijtvakantie", "vrijwillige-respijtzorg", "overig");

    /** Where the care is given (zorgplek). */
    static final List<String> SETTINGS = List.of("thuis", "locatie");

    /** Who gives it (uitvoering). */
    static final List<String> PERFORMERS = List.of("professioneel", "vrijwillig");

    /** Target groups (doelgroepen). */
    static final List<String> TARGET_GROUPS = List.of("dementie", "lichamelijke-beperking",
            "verstandelijke-beperking", "psychische-aandoening", "niet-aangeboren-hersenletsel", "autisme",
            "chronische-ziekte", "terminale-zorg", "kinderen", "jonge-mantelzorgers", "ouderen");

    /** The eight demand areas of caregivers (vraaggebieden). */
    static final List<String> DEMAND_AREAS = List.of("informatie-en-advies", "materiele-hulp",
            "financiele-regelingen", "vervangende-zorg", "persoonlijke-begeleiding", "emotionele-steun",
            "educatie", "praktische-hulp");

    /** Financing routes (financiering). */
    static final List<String> FINANCING = List.of("wmo-met-beschikking", "wmo-zonder-beschikking", "wlz",
            "zvw-basisverzekering", "aanvullende-verzekering", "jeugdwet", "pgb", "eigen-betaling", "gratis");

    /** Status of an offering. */
    static final List<String> STATUSES = List.of("actief", "gepauzeerd", "beeindigd");

    /** Plain Dutch (B1) names of the kinds, for the public respite guide. */
    static final Map<String, String> KIND_NAMES = Map.of("dagopvang", "Dagopvang",
            "dagactiviteiten", "Activiteiten overdag", "oppas-thuis", "Oppas bij u thuis", "logeerzorg", "Logeren",
            "nachtzorg", "Zorg in de nacht", "respijtvakantie", "Vakantie met zorg",
            "vrijwillige-respijtzorg", "Vrijwilligers nemen de zorg over", "overig", "Ander aanbod");

    /** Plain Dutch (B1) names of the target groups, for the public respite guide. */
    static final Map<String, String> TARGET_GROUP_NAMES = Map.ofEntries(Map.entry("dementie", "Dementie"),
            Map.entry("lichamelijke-beperking", "Lichamelijke beperking"),
            Map.entry("verstandelijke-beperking", "Verstandelijke beperking"),
            Map.entry("psychische-aandoening", "Psychische problemen"),
            Map.entry("niet-aangeboren-hersenletsel", "Hersenletsel"), Map.entry("autisme", "Autisme"),
            Map.entry("chronische-ziekte", "Langdurige ziekte"), Map.entry("terminale-zorg", "Laatste levensfase"),
            Map.entry("kinderen", "Kinderen"), Map.entry("jonge-mantelzorgers", "Jonge mantelzorgers"),
            Map.entry("ouderen", "Ouderen"));

    private Vocabulary() {
    }
}
