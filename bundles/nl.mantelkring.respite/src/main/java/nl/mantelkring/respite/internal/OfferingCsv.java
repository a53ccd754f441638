package nl.mantelkring.respite.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import nl.mantelkring.platform.api.format.Csv;

/**
 * The CSV format of the catalogue (import, export, and the records of an {@code OfferingSource}): one row per
 * offering, the columns below, lists separated by {@code |}. Several locations: each {@code locatie.*} column
 * holds the values of every location in the same order ({@code 1011|3511}). Export and import round-trip.
 */
final class OfferingCsv {

    static final String LIST = "|";

    /** A column: its header and how to read it from an offering. */
    private record Column(String name, Function<Offering, String> get) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("externId", Offering::externalId),
            new Column("titel", Offering::title),
            new Column("omschrijving", Offering::description),
            new Column("soort", Offering::kind),
            new Column("zorgplek", Offering::setting),
            new Column("uitvoering", Offering::performer),
            new Column("doelgroepen", o -> join(o.targetGroups())),
            new Column("leeftijdVan", o -> str(o.minAge())),
            new Column("leeftijdTot", o -> str(o.maxAge())),
            new Column("vraaggebieden", o -> join(o.demandAreas())),
            new Column("financiering", o -> join(o.financing())),
            new Column("indicatieNodig", o -> str(o.indicationNeeded())),
            new Column("eigenBijdrage", Offering::costIndication),
            new Column("aanbieder.naam", o -> provider(o, Offering.Provider::name)),
            new Column("aanbieder.kvkNummer", o -> provider(o, Offering.Provider::kvk)),
            new Column("aanbieder.agbCode", o -> provider(o, Offering.Provider::agb)),
            new Column("aanbieder.telefoon", o -> provider(o, Offering.Provider::phone)),
            new Column("aanbieder.email", o -> provider(o, Offering.Provider::email)),
            new Column("aanbieder.website", o -> provider(o, Offering.Provider::website)),
            new Column("aanbieder.contactpersoon.naam", o -> contact(o, Offering.Contact::name)),
            new Column("aanbieder.contactpersoon.telefoon", o -> contact(o, Offering.Contact::phone)),
            new Column("aanbieder.contactpersoon.email", o -> contact(o, Offering.Contact::email)),
            new Column("locatie.naam", o -> locations(o, Offering.Location::name)),
            new Column("locatie.straat", o -> locations(o, Offering.Location::street)),
            new Column("locatie.huisnummer", o -> locations(o, Offering.Location::houseNumber)),
            new Column("locatie.postcode", o -> locations(o, Offering.Location::postcode)),
            new Column("locatie.woonplaats", o -> locations(o, Offering.Location::city)),
            new Column("locatie.lat", o -> locations(o, l -> str(l.lat()))),
            new Column("locatie.lon", o -> locations(o, l -> str(l.lon()))),
            new Column("werkgebied.postcodes", o -> o.serviceArea() == null ? null : join(o.serviceArea().postcodes())),
            new Column("werkgebied.gemeenten", o -> o.serviceArea() == null ? null
                    : join(o.serviceArea().municipalities())),
            new Column("openingstijden", Offering::openingTimes),
            new Column("capaciteit", o -> str(o.capacity())),
            new Column("wachttijdWeken", o -> str(o.waitingWeeks())),
            new Column("talen", o -> join(o.languages())),
            new Column("toegankelijkheid", Offering::accessibility),
            new Column("boeking.url", o -> o.booking() == null ? null : o.booking().url()),
            new Column("boeking.telefoon", o -> o.booking() == null ? null : o.booking().phone()),
            new Column("boeking.email", o -> o.booking() == null ? null : o.booking().email()),
            new Column("status", Offering::status),
            new Column("geldigVanaf", Offering::validFrom),
            new Column("geldigTot", Offering::validUntil),
            new Column("gedeeldMet", o -> join(o.sharedWith())));

    static final List<String> HEADERS = COLUMNS.stream().map(Column::name).toList();

    private OfferingCsv() {
    }

    /** The offerings as CSV with the platform's writer (RFC 4180, header row, formula-like cells neutralised). */
    static String write(List<Offering> offerings) {
        return Csv.write(HEADERS, offerings.stream()
                .map(o -> COLUMNS.stream().map(c -> (Object) c.get().apply(o)).toList()).toList());
    }

    /**
     * An offering from one record (column → value; absent or blank columns are empty). Values that are not numbers
     * where numbers are expected are reported in {@code violations} by column name.
     */
    static Offering read(Map<String, String> r, List<nl.mantelkring.platform.api.FieldViolation> violations) {
        Cells c = new Cells(r, violations);
        List<Offering.Location> locations = new ArrayList<>();
        List<String> lat = c.list("locatie.lat");
        List<String> lon = c.list("locatie.lon");
        List<String> postcode = c.list("locatie.postcode");
        List<String> name = c.list("locatie.naam");
        List<String> street = c.list("locatie.straat");
        List<String> number = c.list("locatie.huisnummer");
        List<String> city = c.list("locatie.woonplaats");
        int n = Math.max(Math.max(lat.size(), lon.size()), postcode.size());
        for (int i = 0; i < n; i++) {
            locations.add(new Offering.Location(at(name, i), at(street, i), at(number, i), at(postcode, i),
                    at(city, i), c.decimal("locatie.lat", at(lat, i)), c.decimal("locatie.lon", at(lon, i))));
        }
        Offering.Contact contact = c.get("aanbieder.contactpersoon.naam") == null
                && c.get("aanbieder.contactpersoon.telefoon") == null
                && c.get("aanbieder.contactpersoon.email") == null ? null
                : new Offering.Contact(c.get("aanbieder.contactpersoon.naam"),
                        c.get("aanbieder.contactpersoon.telefoon"), c.get("aanbieder.contactpersoon.email"));
        Offering.Provider provider = new Offering.Provider(c.get("aanbieder.naam"), c.get("aanbieder.kvkNummer"),
                c.get("aanbieder.agbCode"), c.get("aanbieder.telefoon"), c.get("aanbieder.email"),
                c.get("aanbieder.website"), contact);
        Offering.ServiceArea area = c.list("werkgebied.postcodes").isEmpty() && c.list("werkgebied.gemeenten").isEmpty()
                ? null : new Offering.ServiceArea(c.list("werkgebied.postcodes"), c.list("werkgebied.gemeenten"));
        Offering.Booking booking = c.get("boeking.url") == null && c.get("boeking.telefoon") == null
                && c.get("boeking.email") == null ? null
                : new Offering.Booking(c.get("boeking.url"), c.get("boeking.telefoon"), c.get("boeking.email"));
        return new Offering(null, c.get("externId"), null, c.list("gedeeldMet"), c.get("titel"),
                c.get("omschrijving"), provider, c.get("soort"), c.get("zorgplek"), c.get("uitvoering"),
                c.list("doelgroepen"), c.integer("leeftijdVan"), c.integer("leeftijdTot"), c.list("vraaggebieden"),
                c.list("financiering"), c.bool("indicatieNodig"), c.get("eigenBijdrage"), locations, area,
                c.get("openingstijden"), c.integer("capaciteit"), c.integer("wachttijdWeken"), c.list("talen"),
                c.get("toegankelijkheid"), booking, c.get("status"), c.get("geldigVanaf"), c.get("geldigTot"), null,
                null);
    }

    /** The CSV column a validation field name belongs to ({@code locaties.1.lat} → {@code locatie.lat}). */
    static String column(String field) {
        String f = field.replaceFirst("^locaties\\.\\d+\\.", "locatie.").replaceFirst("\\.\\d+$", "");
        return switch (f) {
            case "locaties" -> "locatie.lat";
            case "werkgebied" -> "werkgebied.postcodes";
            default -> f;
        };
    }

    private static String at(List<String> values, int i) {
        return i < values.size() ? values.get(i) : null;
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(LIST, values);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static String provider(Offering o, Function<Offering.Provider, String> f) {
        return o.provider() == null ? null : f.apply(o.provider());
    }

    private static String contact(Offering o, Function<Offering.Contact, String> f) {
        return o.provider() == null || o.provider().contact() == null ? null : f.apply(o.provider().contact());
    }

    private static String locations(Offering o, Function<Offering.Location, String> f) {
        if (o.locations() == null || o.locations().isEmpty()) {
            return null;
        }
        return String.join(LIST, o.locations().stream().map(l -> {
            String v = f.apply(l);
            return v == null ? "" : v;
        }).toList());
    }

    /** Typed access to one record's cells. */
    private record Cells(Map<String, String> r, List<nl.mantelkring.platform.api.FieldViolation> v) {
        /** The cell's text, trimmed, as it was before the export neutralised it ({@link Csv#restore}). */
        String get(String column) {
            String s = r.get(column);
            return s == null || s.isBlank() ? null : Csv.restore(s.strip());
        }

        List<String> list(String column) {
            String s = get(column);
            return s == null ? List.of() : Arrays.stream(s.split("\\|", -1)).map(String::strip).toList();
        }

        Integer integer(String column) {
            String s = get(column);
            if (s == null) {
                return null;
            }
            try {
                return Integer.valueOf(s);
            } catch (NumberFormatException e) {
                v.add(new nl.mantelkring.platform.api.FieldViolation(column, "Moet een geheel getal zijn."));
                return null;
            }
        }

        Double decimal(String column, String s) {
            if (s == null || s.isBlank()) {
                return null;
            }
            try {
                return Double.valueOf(s.strip());
            } catch (NumberFormatException e) {
                v.add(new nl.mantelkring.platform.api.FieldViolation(column,
                        "Moet een getal zijn (met een punt als decimaalteken)."));
                return null;
            }
        }

        Boolean bool(String column) {
            String s = get(column);
            if (s == null) {
                return null;
            }
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "ja", "1" -> Boolean.TRUE;
                case "false", "nee", "0" -> Boolean.FALSE;
                default -> {
                    v.add(new nl.mantelkring.platform.api.FieldViolation(column, "ja of nee (true of false)."));
                    yield null;
                }
            };
        }
    }
}
