package nl.mantelkring.respite.internal;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A respite offering as the public respite guide (respijtwijzer) shows it: what it is, where, for whom, what it costs
 * and how to book it. It is a projection of the offering that names the fields it keeps, so a field added to
 * {@link Offering} stays out of the public answer until someone decides it belongs there.
 *
 * <p>Left out, field by field: the provider's contact person (personal data; the reason this projection exists),
 * the provider's e-mail address, KvK number and AGB code (administration for the municipality; the e-mail address
 * of a small provider is often a person's own, and {@code boeking} is the channel a provider publishes for
 * bookings), {@code externId}, {@code eigenaar} and {@code gedeeldMet} (how municipalities administer and share
 * the offer), the coordinates of locations (the distance is given; no map), the street address of an offering
 * given at home (that is the provider's office, for a one-person provider their home, and not where the care
 * takes place), {@code werkgebied} (the distance says whether it reaches the visitor: 0 km), {@code capaciteit},
 * {@code vraaggebieden} (planning and classification for the municipality), {@code status}, {@code geldigVanaf}
 * and {@code geldigTot} (only active, valid offerings are shown at all), {@code versie} and {@code gewijzigdOp}
 * (bookkeeping), and the relevance score.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublicOffering(
        @JsonProperty("id") String id,
        @JsonProperty("naam") String name,
        @JsonProperty("soort") String kind,
        @JsonProperty("soortNaam") String kindName,
        @JsonProperty("aanbieder") String provider,
        @JsonProperty("omschrijving") String description,
        @JsonProperty("zorgplek") String setting,
        @JsonProperty("uitvoering") String performer,
        @JsonProperty("doelgroepen") List<String> targetGroups,
        @JsonProperty("doelgroepNamen") List<String> targetGroupNames,
        @JsonProperty("leeftijdVan") Integer minAge,
        @JsonProperty("leeftijdTot") Integer maxAge,
        @JsonProperty("plaats") String place,
        @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("afstandKm") Double distanceKm,
        @JsonProperty("locaties") List<Place> locations,
        @JsonProperty("financiering") List<String> financing,
        @JsonProperty("indicatieNodig") Boolean indicationNeeded,
        @JsonProperty("eigenBijdrage") String costIndication,
        @JsonProperty("openingstijden") String openingTimes,
        @JsonProperty("wachttijdWeken") Integer waitingWeeks,
        @JsonProperty("talen") List<String> languages,
        @JsonProperty("toegankelijkheid") String accessibility,
        @JsonProperty("boeken") Booking booking) {

    /** A place where the care is given (only for care at a location). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Place(@JsonProperty("naam") String name, @JsonProperty("adres") String address,
                        @JsonProperty("postcode") String postcode, @JsonProperty("woonplaats") String city) {

        /** Whether there is anything to show (a location may have coordinates only). */
        boolean named() {
            return name != null || address != null || postcode != null || city != null;
        }
    }

    /** How to book: a sentence in plain Dutch and the organisation's channels (never a contact person). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Booking(@JsonProperty("tekst") String text, @JsonProperty("website") String website,
                          @JsonProperty("telefoon") String phone, @JsonProperty("email") String email) {
    }

    /**
     * The public view of an offering; {@code from} is the point the distance was measured from (null: none), used to
     * name the place of the nearest location.
     */
    static PublicOffering of(Offering o, Double distanceKm, SearchIndex.Point from) {
        boolean atLocation = "locatie".equals(o.setting());
        List<Place> places = atLocation ? o.locations().stream().map(l -> new Place(l.name(),
                blankToNull(Stream.of(l.street(), l.houseNumber()).filter(s -> s != null && !s.isBlank())
                        .collect(Collectors.joining(" "))), l.postcode(), l.city()))
                .filter(Place::named).toList() : List.of();
        Offering.Provider p = o.provider();
        String providerName = p == null ? null : p.name();
        Offering.Booking b = o.booking();
        String website = b != null && b.url() != null ? b.url() : p == null ? null : p.website();
        String phone = b != null && b.phone() != null ? b.phone() : p == null ? null : p.phone();
        String email = b == null ? null : b.email();
        return new PublicOffering(o.id(), o.title(), o.kind(), Vocabulary.KIND_NAMES.get(o.kind()), providerName,
                o.description(), o.setting(), o.performer(), o.targetGroups(),
                o.targetGroups().stream().map(Vocabulary.TARGET_GROUP_NAMES::get).toList(), o.minAge(), o.maxAge(),
                place(o, from), distanceKm, places.isEmpty() ? null : places, o.financing(), o.indicationNeeded(), o.costIndication(),
                o.openingTimes(), o.waitingWeeks(), o.languages(), o.accessibility(),
                new Booking(howToBook(o, providerName, website != null || phone != null || email != null), website,
                        phone, email));
    }

    /** The town of the nearest location (of the first without a point); null for care at home without locations. */
    private static String place(Offering o, SearchIndex.Point from) {
        Offering.Location best = null;
        double bestKm = Double.MAX_VALUE;
        for (Offering.Location l : o.locations()) {
            double km = from == null ? 0 : Geo.km(from.lat(), from.lon(), l.lat(), l.lon());
            if (best == null || km < bestKm) {
                best = l;
                bestKm = km;
            }
        }
        return best == null ? null : best.city();
    }

    /** How to book, in plain Dutch (B1). */
    static String howToBook(Offering o, String provider, boolean reachable) {
        StringBuilder s = new StringBuilder();
        if (Boolean.TRUE.equals(o.indicationNeeded())) {
            s.append("U heeft eerst een indicatie nodig. Dat is een besluit van de gemeente of het zorgkantoor"
                    + " over de zorg die u krijgt. ");
        } else if (Boolean.FALSE.equals(o.indicationNeeded())) {
            s.append("U heeft geen indicatie nodig. ");
        }
        if (reachable) {
            s.append("Neem contact op met ").append(provider == null ? "de aanbieder" : provider)
                    .append(" om een afspraak te maken.");
        } else {
            s.append("Vraag de gemeente hoe u dit aanbod kunt krijgen.");
        }
        return s.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
