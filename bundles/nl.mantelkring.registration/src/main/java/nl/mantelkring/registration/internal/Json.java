package nl.mantelkring.registration.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The API's bodies: Dutch camelCase names (domain.md glossary). The platform's mapper rejects unknown fields
 * (400 naming the field) and leaves out null fields in responses.
 */
final class Json {

    // ---- input ----

    record NameIn(@JsonProperty("voornaam") String first, @JsonProperty("tussenvoegsel") String prefix,
                  @JsonProperty("achternaam") String last) {
    }

    record AddressIn(@JsonProperty("straat") String street, @JsonProperty("huisnummer") Integer number,
                     @JsonProperty("huisnummertoevoeging") String addition,
                     @JsonProperty("postcode") String postcode, @JsonProperty("woonplaats") String city) {
    }

    /** Details a consultant can change with PUT (BSN and IBAN have their own resource). */
    record DetailsIn(@JsonProperty("naam") NameIn name, @JsonProperty("geboortedatum") LocalDate birthDate,
                     @JsonProperty("adres") AddressIn address, @JsonProperty("email") String email,
                     @JsonProperty("telefoon") String phone, @JsonProperty("voorkeurskanaal") String channel,
                     @JsonProperty("woontInGemeente") Boolean livesInMunicipality,
                     @JsonProperty("werkend") Boolean working) {
    }

    /** A registration: the details, optionally BSN/IBAN (as policy allows) and the consents given at once. */
    record RegistrationIn(@JsonProperty("naam") NameIn name, @JsonProperty("geboortedatum") LocalDate birthDate,
                          @JsonProperty("adres") AddressIn address, @JsonProperty("email") String email,
                          @JsonProperty("telefoon") String phone, @JsonProperty("voorkeurskanaal") String channel,
                          @JsonProperty("woontInGemeente") Boolean livesInMunicipality,
                          @JsonProperty("werkend") Boolean working, @JsonProperty("bsn") String bsn,
                          @JsonProperty("iban") String iban,
                          @JsonProperty("toestemmingen") List<ConsentIn> consents) {
        DetailsIn details() {
            return new DetailsIn(name, birthDate, address, email, phone, channel, livesInMunicipality, working);
        }
    }

    record SensitiveIn(@JsonProperty("bsn") String bsn, @JsonProperty("iban") String iban) {
    }

    record BsnSearchIn(@JsonProperty("bsn") String bsn) {
    }

    record ConsentIn(@JsonProperty("doel") String purpose, @JsonProperty("gegeven") Boolean given,
                     @JsonProperty("datum") LocalDate date, @JsonProperty("bron") String source) {
    }

    record RecipientIn(@JsonProperty("id") String id, @JsonProperty("naam") String name,
                       @JsonProperty("anoniemeReferentie") String anonymousReference,
                       @JsonProperty("woontInGemeente") Boolean livesInMunicipality,
                       @JsonProperty("bsn") String bsn) {
    }

    record RelationIn(@JsonProperty("zorgvrager") RecipientIn recipient, @JsonProperty("relatie") String relation,
                      @JsonProperty("zorgSinds") LocalDate careSince,
                      @JsonProperty("urenPerWeek") BigDecimal hoursPerWeek,
                      @JsonProperty("soortenZorg") List<String> careKinds, @JsonProperty("wmo") Boolean wmo,
                      @JsonProperty("wlz") Boolean wlz, @JsonProperty("zvw") Boolean zvw,
                      @JsonProperty("terminaleZorg") Boolean terminal) {
    }

    record EndIn(@JsonProperty("datum") LocalDate date, @JsonProperty("reden") String reason) {
    }

    record DeregistrationIn(@JsonProperty("reden") String reason) {
    }

    record CheckIn(@JsonProperty("datum") LocalDate date, @JsonProperty("antwoorden") Map<String, String> answers) {
    }

    // ---- output ----

    record NameOut(@JsonProperty("voornaam") String first, @JsonProperty("tussenvoegsel") String prefix,
                   @JsonProperty("achternaam") String last, @JsonProperty("volledigeNaam") String full) {
    }

    record AddressOut(@JsonProperty("straat") String street, @JsonProperty("huisnummer") Integer number,
                      @JsonProperty("huisnummertoevoeging") String addition,
                      @JsonProperty("postcode") String postcode, @JsonProperty("woonplaats") String city) {
    }

    record CheckSummary(@JsonProperty("datum") LocalDate date, @JsonProperty("uitkomst") String outcome) {
    }

    /** A caregiver; the collections are filled only when one caregiver is read. */
    record CaregiverOut(@JsonProperty("id") String id, @JsonProperty("status") String status,
                        @JsonProperty("naam") NameOut name, @JsonProperty("geboortedatum") LocalDate birthDate,
                        @JsonProperty("leeftijd") int age, @JsonProperty("adres") AddressOut address,
                        @JsonProperty("email") String email, @JsonProperty("telefoon") String phone,
                        @JsonProperty("voorkeurskanaal") String channel,
                        @JsonProperty("woontInGemeente") Boolean livesInMunicipality,
                        @JsonProperty("werkend") Boolean working,
                        @JsonProperty("jongeMantelzorger") boolean young,
                        @JsonProperty("bsn") String bsnMasked, @JsonProperty("iban") String ibanMasked,
                        @JsonProperty("aantalActieveZorgrelaties") int activeRelations,
                        @JsonProperty("laatsteBelastingscheck") CheckSummary latestCheck,
                        @JsonProperty("geregistreerdOp") Instant registeredAt,
                        @JsonProperty("gewijzigdOp") Instant updatedAt,
                        @JsonProperty("uitgeschrevenOp") Instant deregisteredAt,
                        @JsonProperty("uitschrijfreden") String deregistrationReason,
                        @JsonProperty("zorgrelaties") List<RelationOut> relations,
                        @JsonProperty("toestemmingen") ConsentsOut consents,
                        @JsonProperty("belastingschecks") List<CheckOut> checks,
                        @JsonProperty("geschiedenis") List<HistoryOut> history) {
        CaregiverOut withDetails(List<RelationOut> r, ConsentsOut c, List<CheckOut> k, List<HistoryOut> h) {
            return new CaregiverOut(id, status, name, birthDate, age, address, email, phone, channel,
                    livesInMunicipality, working, young, bsnMasked, ibanMasked, activeRelations, latestCheck,
                    registeredAt, updatedAt, deregisteredAt, deregistrationReason, r, c, k, h);
        }
    }

    record RecipientOut(@JsonProperty("id") String id, @JsonProperty("naam") String name,
                        @JsonProperty("anoniemeReferentie") String anonymousReference,
                        @JsonProperty("woontInGemeente") boolean livesInMunicipality,
                        @JsonProperty("bsn") String bsnMasked,
                        @JsonProperty("aantalMantelzorgers") int caregivers) {
    }

    record RelationOut(@JsonProperty("id") String id, @JsonProperty("mantelzorgerId") String caregiverId,
                       @JsonProperty("zorgvrager") RecipientOut recipient,
                       @JsonProperty("relatie") String relation, @JsonProperty("zorgSinds") LocalDate careSince,
                       @JsonProperty("urenPerWeek") BigDecimal hoursPerWeek,
                       @JsonProperty("soortenZorg") List<String> careKinds, @JsonProperty("wmo") boolean wmo,
                       @JsonProperty("wlz") boolean wlz, @JsonProperty("zvw") boolean zvw,
                       @JsonProperty("terminaleZorg") boolean terminal, @JsonProperty("status") String status,
                       @JsonProperty("beeindigdOp") LocalDate endedOn,
                       @JsonProperty("redenBeeindiging") String endReason,
                       @JsonProperty("geregistreerdOp") Instant createdAt,
                       @JsonProperty("gewijzigdOp") Instant updatedAt) {
    }

    record ConsentState(@JsonProperty("doel") String purpose, @JsonProperty("omschrijving") String label,
                        @JsonProperty("gegeven") boolean given, @JsonProperty("sinds") LocalDate since) {
    }

    record ConsentEvent(@JsonProperty("doel") String purpose, @JsonProperty("gegeven") boolean given,
                        @JsonProperty("datum") LocalDate date, @JsonProperty("bron") String source,
                        @JsonProperty("vastgelegdOp") Instant recordedAt,
                        @JsonProperty("vastgelegdDoor") String recordedBy) {
    }

    /** Consent now (per purpose, the latest event) and its full history (oldest first). */
    record ConsentsOut(@JsonProperty("actueel") List<ConsentState> current,
                       @JsonProperty("geschiedenis") List<ConsentEvent> history) {
    }

    record CheckOut(@JsonProperty("id") String id, @JsonProperty("datum") LocalDate date,
                    @JsonProperty("score") int score, @JsonProperty("maximaleScore") int maxScore,
                    @JsonProperty("uitkomst") String outcome, @JsonProperty("advies") String advice,
                    @JsonProperty("vragenlijstVersie") String questionnaireVersion,
                    @JsonProperty("antwoorden") Map<String, String> answers,
                    @JsonProperty("vastgelegdOp") Instant recordedAt,
                    @JsonProperty("vastgelegdDoor") String recordedBy) {
    }

    record HistoryOut(@JsonProperty("tijdstip") Instant at, @JsonProperty("door") String actor,
                      @JsonProperty("actie") String action, @JsonProperty("details") String detail) {
    }

    record SensitiveOut(@JsonProperty("bsn") String bsn, @JsonProperty("iban") String iban) {
    }

    record CleanupOut(@JsonProperty("gemeentecode") String tenant, @JsonProperty("uitgevoerdOp") Instant at,
                      @JsonProperty("verwijderd") int erased,
                      @JsonProperty("redenen") Map<String, Integer> reasons) {
    }

    private Json() {
    }
}
