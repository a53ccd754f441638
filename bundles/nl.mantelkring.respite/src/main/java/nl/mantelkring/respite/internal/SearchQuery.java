package nl.mantelkring.respite.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.PageRequest;
import nl.mantelkring.platform.api.ProblemException;
import nl.mantelkring.platform.api.QueryValues;
import nl.mantelkring.platform.api.format.Postcode;

/**
 * A validated search: full text, filters (several values of one filter are alternatives, different filters must
 * all hold), a point to measure distance from, a sort order and a page.
 */
record SearchQuery(String text, Set<String> kinds, Set<String> settings, Set<String> performers,
                   Set<String> targetGroups, Set<String> demandAreas, Set<String> financing, Set<String> languages,
                   Set<String> statuses, Boolean indicationNeeded, Integer age, Integer maxWaitingWeeks,
                   String provider, String postcode, Double lat, Double lon, Double maxDistanceKm, String sort,
                   LocalDate validOn, PageRequest page) {

    static final List<String> SORTS = List.of("relevantie", "afstand", "titel");

    /** The raw query values, as strings (a malformed one is a 400 naming its key). */
    record Raw(String zoekterm, List<String> soort, List<String> zorgplek, List<String> uitvoering,
               List<String> doelgroep, List<String> vraaggebied, List<String> financiering, List<String> taal,
               List<String> status, String indicatieNodig, String leeftijd, String maxWachttijdWeken,
               String aanbieder, String postcode, String lat, String lon, String maxAfstandKm, String sortering,
               String geldigOp, String pagina, String paginaGrootte) {
    }

    static SearchQuery parse(Raw r) {
        List<FieldViolation> v = new ArrayList<>();
        Set<String> kinds = values("soort", r.soort(), Vocabulary.KINDS, v);
        Set<String> settings = values("zorgplek", r.zorgplek(), Vocabulary.SETTINGS, v);
        Set<String> performers = values("uitvoering", r.uitvoering(), Vocabulary.PERFORMERS, v);
        Set<String> groups = values("doelgroep", r.doelgroep(), Vocabulary.TARGET_GROUPS, v);
        Set<String> areas = values("vraaggebied", r.vraaggebied(), Vocabulary.DEMAND_AREAS, v);
        Set<String> financing = values("financiering", r.financiering(), Vocabulary.FINANCING, v);
        Set<String> languages = values("taal", r.taal(), null, v);
        Set<String> statuses = values("status", r.status(), Vocabulary.STATUSES, v);
        Boolean indication = null;
        if (r.indicatieNodig() != null && !r.indicatieNodig().isEmpty()) {
            if ("true".equals(r.indicatieNodig()) || "false".equals(r.indicatieNodig())) {
                indication = Boolean.valueOf(r.indicatieNodig());
            } else {
                v.add(new FieldViolation("indicatieNodig", "true of false."));
            }
        }
        Integer age = QueryValues.integer("leeftijd", r.leeftijd(), v);
        Integer waiting = QueryValues.integer("maxWachttijdWeken", r.maxWachttijdWeken(), v);
        Double lat = number("lat", r.lat(), v);
        Double lon = number("lon", r.lon(), v);
        Double max = number("maxAfstandKm", r.maxAfstandKm(), v);
        if (max != null && (max <= 0 || max > 500)) {
            v.add(new FieldViolation("maxAfstandKm", "Tussen 0 en 500 km."));
        }
        if ((lat == null) != (lon == null)) {
            v.add(new FieldViolation(lat == null ? "lat" : "lon", "Geef lat en lon samen."));
        }
        if (lat != null && (lat < OfferingValidator.MIN_LAT || lat > OfferingValidator.MAX_LAT)) {
            v.add(new FieldViolation("lat", "Een breedtegraad in Nederland (WGS84)."));
        }
        if (lon != null && (lon < OfferingValidator.MIN_LON || lon > OfferingValidator.MAX_LON)) {
            v.add(new FieldViolation("lon", "Een lengtegraad in Nederland (WGS84)."));
        }
        String postcode = null;
        if (r.postcode() != null && !r.postcode().isBlank()) {
            String p = r.postcode().strip();
            String normal = Postcode.isPc4(p) ? p : Postcode.normalise(p);
            if (normal != null) {
                postcode = normal.substring(0, 4);
            } else {
                v.add(new FieldViolation("postcode", "Een postcode (1234 AB) of postcodegebied (1234)."));
            }
            if (lat != null) {
                v.add(new FieldViolation("postcode", "Geef een postcode óf lat en lon, niet beide."));
            }
        }
        if (max != null && lat == null && postcode == null) {
            v.add(new FieldViolation("maxAfstandKm", "Geef ook een postcode of lat en lon."));
        }
        String sort = r.sortering() == null || r.sortering().isEmpty() ? null : r.sortering();
        if (sort != null && !SORTS.contains(sort)) {
            v.add(new FieldViolation("sortering", "Kies uit: " + String.join(", ", SORTS) + "."));
        }
        if ("afstand".equals(sort) && lat == null && postcode == null) {
            v.add(new FieldViolation("sortering", "Sorteren op afstand vraagt een postcode of lat en lon."));
        }
        LocalDate validOn = LocalDate.now();
        if (r.geldigOp() != null && !r.geldigOp().isEmpty()) {
            try {
                validOn = LocalDate.parse(r.geldigOp());
            } catch (DateTimeParseException e) {
                v.add(new FieldViolation("geldigOp", "Een datum als 2026-01-31."));
            }
        }
        String text = r.zoekterm() == null || r.zoekterm().isBlank() ? null : r.zoekterm().strip();
        if (text != null && text.length() > 200) {
            v.add(new FieldViolation("zoekterm", "Ten hoogste 200 tekens."));
        }
        PageRequest page = null;
        try {
            page = PageRequest.parse(r.pagina(), r.paginaGrootte());
        } catch (ProblemException e) {
            v.addAll(e.violations());
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v);
        }
        if (sort == null) {
            sort = text != null ? "relevantie" : lat != null || postcode != null ? "afstand" : "titel";
        }
        String provider = r.aanbieder() == null || r.aanbieder().isBlank() ? null
                : DutchText.fold(r.aanbieder().strip());
        return new SearchQuery(text, kinds, settings, performers, groups, areas, financing, languages,
                statuses.isEmpty() ? Set.of("actief") : statuses, indication, age, waiting, provider, postcode, lat,
                lon, max, sort, validOn, page);
    }

    /** Values of a repeatable key; each occurrence may also hold a comma-separated list. */
    private static Set<String> values(String key, List<String> raw, Collection<String> allowed,
                                      List<FieldViolation> v) {
        Set<String> out = new LinkedHashSet<>();
        if (raw == null) {
            return out;
        }
        for (String occurrence : raw) {
            for (String value : occurrence.split(",")) {
                String t = value.strip().toLowerCase(Locale.ROOT);
                if (t.isEmpty()) {
                    continue;
                }
                if (allowed != null && !allowed.contains(t)) {
                    v.add(new FieldViolation(key, "Onbekende waarde '" + t + "'; kies uit: "
                            + String.join(", ", allowed) + "."));
                } else {
                    out.add(t);
                }
            }
        }
        return out;
    }

    private static Double number(String key, String value, List<FieldViolation> v) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            v.add(new FieldViolation(key, "Moet een getal zijn (met een punt als decimaalteken)."));
            return null;
        }
    }
}
