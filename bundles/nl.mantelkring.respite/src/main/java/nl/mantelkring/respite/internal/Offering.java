package nl.mantelkring.respite.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import nl.mantelkring.platform.api.format.MultiLine;

/**
 * A respite offering (respijtaanbod) as the API reads and writes it, and as it is stored (JSON). On input the
 * server-set fields ({@code id}, {@code eigenaar}, {@code gewijzigdOp}) are ignored, so a client may send back
 * what it read; {@code versie}, when sent, must match the stored version (optimistic locking).
 * Dates are ISO strings ({@code 2026-01-31}), checked by {@link OfferingValidator}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Offering(
        @JsonProperty("id") String id,
        @JsonProperty("externId") String externalId,
        @JsonProperty("eigenaar") String owner,
        @JsonProperty("gedeeldMet") List<String> sharedWith,
        @JsonProperty("titel") String title,
        @MultiLine @JsonProperty("omschrijving") String description,
        @JsonProperty("aanbieder") Provider provider,
        @JsonProperty("soort") String kind,
        @JsonProperty("zorgplek") String setting,
        @JsonProperty("uitvoering") String performer,
        @JsonProperty("doelgroepen") List<String> targetGroups,
        @JsonProperty("leeftijdVan") Integer minAge,
        @JsonProperty("leeftijdTot") Integer maxAge,
        @JsonProperty("vraaggebieden") List<String> demandAreas,
        @JsonProperty("financiering") List<String> financing,
        @JsonProperty("indicatieNodig") Boolean indicationNeeded,
        @JsonProperty("eigenBijdrage") String costIndication,
        @JsonProperty("locaties") List<Location> locations,
        @JsonProperty("werkgebied") ServiceArea serviceArea,
        @MultiLine @JsonProperty("openingstijden") String openingTimes,
        @JsonProperty("capaciteit") Integer capacity,
        @JsonProperty("wachttijdWeken") Integer waitingWeeks,
        @JsonProperty("talen") List<String> languages,
        @MultiLine @JsonProperty("toegankelijkheid") String accessibility,
        @JsonProperty("boeking") Booking booking,
        @JsonProperty("status") String status,
        @JsonProperty("geldigVanaf") String validFrom,
        @JsonProperty("geldigTot") String validUntil,
        @JsonProperty("versie") Integer version,
        @JsonProperty("gewijzigdOp") String updatedAt) {

    /** The provider (aanbieder): business data, except the contact person, who is personal data. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Provider(@JsonProperty("naam") String name, @JsonProperty("kvkNummer") String kvk,
                           @JsonProperty("agbCode") String agb, @JsonProperty("telefoon") String phone,
                           @JsonProperty("email") String email, @JsonProperty("website") String website,
                           @JsonProperty("contactpersoon") Contact contact) {
    }

    /** A contact person (personal data: reads and writes are audited). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(@JsonProperty("naam") String name, @JsonProperty("telefoon") String phone,
                          @JsonProperty("email") String email) {
    }

    /** A place where the care is given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Location(@JsonProperty("naam") String name, @JsonProperty("straat") String street,
                           @JsonProperty("huisnummer") String houseNumber,
                           @JsonProperty("postcode") String postcode, @JsonProperty("woonplaats") String city,
                           @JsonProperty("lat") Double lat, @JsonProperty("lon") Double lon) {
    }

    /** Where care at home is given: PC4 postcode areas and/or whole municipalities (gemeentecodes). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceArea(@JsonProperty("postcodes") List<String> postcodes,
                              @JsonProperty("gemeenten") List<String> municipalities) {
    }

    /** How to book. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Booking(@JsonProperty("url") String url, @JsonProperty("telefoon") String phone,
                          @JsonProperty("email") String email) {
    }

    /** This offering with the server-set fields replaced. */
    Offering withServerFields(String newId, String newOwner, int newVersion, String newUpdatedAt) {
        return new Offering(newId, externalId, newOwner, sharedWith, title, description, provider, kind, setting,
                performer, targetGroups, minAge, maxAge, demandAreas, financing, indicationNeeded, costIndication,
                locations, serviceArea, openingTimes, capacity, waitingWeeks, languages, accessibility, booking,
                status, validFrom, validUntil, newVersion, newUpdatedAt);
    }

    /** This offering with another external id. */
    Offering withExternalId(String newExternalId) {
        return new Offering(id, newExternalId, owner, sharedWith, title, description, provider, kind, setting,
                performer, targetGroups, minAge, maxAge, demandAreas, financing, indicationNeeded, costIndication,
                locations, serviceArea, openingTimes, capacity, waitingWeeks, languages, accessibility, booking,
                status, validFrom, validUntil, version, updatedAt);
    }

    /** This offering without personal data (the provider's contact person). */
    Offering withoutPersonalData() {
        Provider p = provider == null ? null : new Provider(provider.name(), provider.kvk(), provider.agb(),
                provider.phone(), provider.email(), provider.website(), null);
        return new Offering(id, externalId, owner, sharedWith, title, description, p, kind, setting, performer,
                targetGroups, minAge, maxAge, demandAreas, financing, indicationNeeded, costIndication, locations,
                serviceArea, openingTimes, capacity, waitingWeeks, languages, accessibility, booking, status,
                validFrom, validUntil, version, updatedAt);
    }

    /** The content only (no server-set fields), to compare two versions of an offering. */
    Offering content() {
        return withServerFields(null, null, 0, null);
    }
}
