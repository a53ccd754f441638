package nl.mantelkring.respite.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import nl.mantelkring.platform.api.FieldViolation;
import nl.mantelkring.platform.api.Gemeentecode;
import nl.mantelkring.platform.api.format.Postcode;
import nl.mantelkring.platform.api.format.Text;

/**
 * Checks an offering and returns it normalised (trimmed, postcodes in capitals, defaults filled in). Every
 * violation names the JSON field as the client sent it ({@code locaties.0.lat}) with a Dutch reason.
 */
final class OfferingValidator {

    /** The outcome: the normalised offering when {@code violations} is empty. */
    record Result(Offering offering, List<FieldViolation> violations) {
        boolean valid() {
            return violations.isEmpty();
        }
    }

    private static final Pattern KVK = Pattern.compile("[0-9]{8}");
    private static final Pattern AGB = Pattern.compile("[0-9]{8}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{8,18}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s]+");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[A-Za-z0-9._:/-]{1,100}");
    /** The Netherlands with a margin (Caribbean Netherlands are not served by this catalogue). */
    static final double MIN_LAT = 50.6;
    static final double MAX_LAT = 53.7;
    static final double MIN_LON = 3.2;
    static final double MAX_LON = 7.3;

    private final List<FieldViolation> v = new ArrayList<>();

    private OfferingValidator() {
    }

    /** Validates an offering owned by {@code owner}. */
    static Result validate(Offering o, String owner) {
        return new OfferingValidator().check(o, owner);
    }

    private Result check(Offering o, String owner) {
        if (o == null) {
            v.add(new FieldViolation("titel", "Stuur een respijtaanbod."));
            return new Result(null, v);
        }
        String externalId = text("externId", o.externalId(), 100, false);
        if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
            v.add(new FieldViolation("externId", "Alleen letters, cijfers en . _ : / - (ten hoogste 100 tekens)."));
        }
        List<String> shared = codes("gedeeldMet", o.sharedWith());
        if (shared.contains(owner)) {
            v.add(new FieldViolation("gedeeldMet", "De eigen gemeente hoort niet in deze lijst."));
        }
        String title = text("titel", o.title(), 200, true);
        if (title != null && title.length() < 3) {
            v.add(new FieldViolation("titel", "Minstens 3 tekens."));
        }
        String description = freeText("omschrijving", o.description(), 5000);
        Offering.Provider provider = provider(o.provider());
        String kind = oneOf("soort", o.kind(), Vocabulary.KINDS, true);
        String setting = oneOf("zorgplek", o.setting(), Vocabulary.SETTINGS, true);
        String performer = oneOf("uitvoering", o.performer(), Vocabulary.PERFORMERS, true);
        List<String> groups = listOf("doelgroepen", o.targetGroups(), Vocabulary.TARGET_GROUPS, true);
        Integer minAge = range("leeftijdVan", o.minAge(), 0, 120);
        Integer maxAge = range("leeftijdTot", o.maxAge(), 0, 120);
        if (minAge != null && maxAge != null && minAge > maxAge) {
            v.add(new FieldViolation("leeftijdTot", "Mag niet lager zijn dan leeftijdVan."));
        }
        List<String> areas = listOf("vraaggebieden", o.demandAreas(), Vocabulary.DEMAND_AREAS, false);
        if (areas.isEmpty()) {
            areas = List.of("vervangende-zorg");
        }
        List<String> financing = listOf("financiering", o.financing(), Vocabulary.FINANCING, true);
        String cost = text("eigenBijdrage", o.costIndication(), 500, false);
        List<Offering.Location> locations = locations(o.locations());
        Offering.ServiceArea serviceArea = serviceArea(o.serviceArea());
        if ("locatie".equals(setting) && locations.isEmpty()) {
            v.add(new FieldViolation("locaties", "Aanbod op een locatie heeft minstens één locatie met coördinaten."));
        }
        if ("thuis".equals(setting) && serviceArea == null) {
            v.add(new FieldViolation("werkgebied",
                    "Aanbod bij mensen thuis heeft een werkgebied (postcodes en/of gemeenten)."));
        }
        String opening = freeText("openingstijden", o.openingTimes(), 1000);
        Integer capacity = range("capaciteit", o.capacity(), 0, 100_000);
        Integer waiting = range("wachttijdWeken", o.waitingWeeks(), 0, 520);
        List<String> languages = languages(o.languages());
        String accessibility = freeText("toegankelijkheid", o.accessibility(), 1000);
        Offering.Booking booking = booking(o.booking());
        String status = oneOf("status", o.status(), Vocabulary.STATUSES, false);
        LocalDate from = date("geldigVanaf", o.validFrom());
        LocalDate until = date("geldigTot", o.validUntil());
        if (from != null && until != null && until.isBefore(from)) {
            v.add(new FieldViolation("geldigTot", "Mag niet vóór geldigVanaf liggen."));
        }
        if (o.version() != null && o.version() < 1) {
            v.add(new FieldViolation("versie", "Moet 1 of groter zijn."));
        }
        if (!v.isEmpty()) {
            return new Result(null, v);
        }
        Offering normalised = new Offering(o.id(), externalId, owner, shared, title, description, provider, kind,
                setting, performer, groups, minAge, maxAge, areas, financing,
                o.indicationNeeded() == null ? Boolean.FALSE : o.indicationNeeded(), cost, locations, serviceArea,
                opening, capacity, waiting, languages, accessibility, booking, status == null ? "actief" : status,
                from == null ? null : from.toString(), until == null ? null : until.toString(), o.version(), null);
        return new Result(normalised, v);
    }

    private Offering.Provider provider(Offering.Provider p) {
        if (p == null) {
            v.add(new FieldViolation("aanbieder.naam", "Verplicht."));
            return null;
        }
        String name = text("aanbieder.naam", p.name(), 200, true);
        String kvk = matching("aanbieder.kvkNummer", p.kvk(), KVK, "Een KvK-nummer heeft 8 cijfers.");
        String agb = matching("aanbieder.agbCode", p.agb(), AGB, "Een AGB-code heeft 8 cijfers.");
        String phone = matching("aanbieder.telefoon", p.phone(), PHONE, "Geen geldig telefoonnummer.");
        String email = matching("aanbieder.email", p.email(), EMAIL, "Geen geldig e-mailadres.");
        String website = matching("aanbieder.website", p.website(), URL, "Begin met http:// of https://.");
        Offering.Contact contact = null;
        if (p.contact() != null) {
            Offering.Contact c = p.contact();
            contact = new Offering.Contact(text("aanbieder.contactpersoon.naam", c.name(), 200, true),
                    matching("aanbieder.contactpersoon.telefoon", c.phone(), PHONE, "Geen geldig telefoonnummer."),
                    matching("aanbieder.contactpersoon.email", c.email(), EMAIL, "Geen geldig e-mailadres."));
        }
        return new Offering.Provider(name, kvk, agb, phone, email, website, contact);
    }

    private List<Offering.Location> locations(List<Offering.Location> in) {
        List<Offering.Location> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        if (in.size() > 50) {
            v.add(new FieldViolation("locaties", "Ten hoogste 50 locaties."));
            return out;
        }
        for (int i = 0; i < in.size(); i++) {
            String f = "locaties." + i + ".";
            Offering.Location l = in.get(i);
            if (l == null) {
                v.add(new FieldViolation("locaties." + i, "Lege locatie."));
                continue;
            }
            String postcode = postcode(f + "postcode", l.postcode());
            if (l.lat() == null || l.lat() < MIN_LAT || l.lat() > MAX_LAT) {
                v.add(new FieldViolation(f + "lat", "Verplicht: breedtegraad in Nederland (WGS84, " + MIN_LAT
                        + " tot " + MAX_LAT + ")."));
            }
            if (l.lon() == null || l.lon() < MIN_LON || l.lon() > MAX_LON) {
                v.add(new FieldViolation(f + "lon", "Verplicht: lengtegraad in Nederland (WGS84, " + MIN_LON
                        + " tot " + MAX_LON + ")."));
            }
            out.add(new Offering.Location(text(f + "naam", l.name(), 200, false), text(f + "straat", l.street(),
                    200, false), text(f + "huisnummer", l.houseNumber(), 20, false), postcode,
                    text(f + "woonplaats", l.city(), 100, false), l.lat(), l.lon()));
        }
        return out;
    }

    private Offering.ServiceArea serviceArea(Offering.ServiceArea a) {
        if (a == null) {
            return null;
        }
        List<String> postcodes = new ArrayList<>();
        List<String> in = a.postcodes() == null ? List.of() : a.postcodes();
        for (int i = 0; i < in.size(); i++) {
            String p = in.get(i) == null ? "" : in.get(i).trim();
            if (!Postcode.isPc4(p)) {
                v.add(new FieldViolation("werkgebied.postcodes." + i, Postcode.PC4_REASON));
            } else if (!postcodes.contains(p)) {
                postcodes.add(p);
            }
        }
        List<String> municipalities = codes("werkgebied.gemeenten", a.municipalities());
        if (postcodes.isEmpty() && municipalities.isEmpty()) {
            return null;
        }
        return new Offering.ServiceArea(postcodes, municipalities);
    }

    private Offering.Booking booking(Offering.Booking b) {
        if (b == null) {
            return null;
        }
        return new Offering.Booking(matching("boeking.url", b.url(), URL, "Begin met http:// of https://."),
                matching("boeking.telefoon", b.phone(), PHONE, "Geen geldig telefoonnummer."),
                matching("boeking.email", b.email(), EMAIL, "Geen geldig e-mailadres."));
    }

    private List<String> languages(List<String> in) {
        List<String> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        for (int i = 0; i < in.size(); i++) {
            String l = in.get(i) == null ? "" : in.get(i).trim().toLowerCase(Locale.ROOT);
            if (!LANGUAGE.matcher(l).matches()) {
                v.add(new FieldViolation("talen." + i, "Een taalcode volgens ISO 639-1, bijvoorbeeld nl of tr."));
            } else if (!out.contains(l)) {
                out.add(l);
            }
        }
        return out;
    }

    private List<String> codes(String field, List<String> in) {
        List<String> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        for (int i = 0; i < in.size(); i++) {
            String c = in.get(i) == null ? "" : in.get(i).trim().toUpperCase(Locale.ROOT);
            if (!Gemeentecode.isValid(c)) {
                v.add(new FieldViolation(field + "." + i, "Een gemeentecode is GM gevolgd door 4 cijfers."));
            } else if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    private String postcode(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String p = value.strip();
        String normal = Postcode.isPc4(p) ? p : Postcode.normalise(p);
        if (normal == null) {
            v.add(new FieldViolation(field, Postcode.REASON + " Of alleen de vier cijfers (1234)."));
        }
        return normal;
    }

    /** Single-line text (names, codes, contact details) as {@link Text} allows it. */
    private String text(String field, String value, int max, boolean required) {
        return text(field, value, max, required, false);
    }

    /** Free text (descriptions): line breaks and tabs allowed. */
    private String freeText(String field, String value, int max) {
        return text(field, value, max, false, true);
    }

    private String text(String field, String value, int max, boolean required, boolean multiLine) {
        String t = value == null ? null : value.strip();
        if (t == null || t.isEmpty()) {
            if (required) {
                v.add(new FieldViolation(field, "Verplicht."));
            }
            return null;
        }
        if (t.length() > max) {
            v.add(new FieldViolation(field, "Ten hoogste " + max + " tekens."));
        } else if (!Text.allowed(t, multiLine)) {
            v.add(new FieldViolation(field, Text.reason(multiLine)));
        }
        return t;
    }

    private String matching(String field, String value, Pattern p, String reason) {
        String t = text(field, value, 500, false);
        if (t != null && !p.matcher(t).matches()) {
            v.add(new FieldViolation(field, reason));
        }
        return t;
    }

    private String oneOf(String field, String value, Collection<String> allowed, boolean required) {
        String t = text(field, value, 100, required);
        if (t != null && !allowed.contains(t)) {
            v.add(new FieldViolation(field, "Kies uit: " + String.join(", ", allowed) + "."));
        }
        return t;
    }

    private List<String> listOf(String field, List<String> values, Collection<String> allowed, boolean required) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                String t = values.get(i) == null ? null : values.get(i).strip();
                if (t == null || !allowed.contains(t)) {
                    v.add(new FieldViolation(field + "." + i, "Kies uit: " + String.join(", ", allowed) + "."));
                } else {
                    out.add(t);
                }
            }
        }
        if (required && (values == null || values.isEmpty())) {
            v.add(new FieldViolation(field, "Kies er minstens één."));
        }
        return new ArrayList<>(out);
    }

    private Integer range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            v.add(new FieldViolation(field, "Moet tussen " + min + " en " + max + " liggen."));
        }
        return value;
    }

    private LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            v.add(new FieldViolation(field, "Een datum als 2026-01-31."));
            return null;
        }
    }
}
