package nl.mantelkring.registration;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A registered caregiver as other modules see it. No BSN or IBAN: ask {@link CaregiverDirectory} for those with a
 * purpose.
 *
 * @param id                  the caregiver's pseudonymous id
 * @param tenant              the tenant's gemeentecode
 * @param firstName           first name(s), may be null
 * @param namePrefix          name prefix ("van der"), may be null
 * @param lastName            last name
 * @param birthDate           date of birth
 * @param postcode            postcode, normalised {@code 1234 AB}
 * @param houseNumber         house number
 * @param houseNumberAddition house letter or addition, or null
 * @param livesInMunicipality whether the caregiver lives in the municipality; null when unknown
 * @param working             whether the caregiver combines care with paid work; null when unknown
 * @param hasBsn              whether a BSN is recorded
 * @param hasIban             whether an IBAN is recorded
 * @param active              false once deregistered
 * @param registeredAt        when registered
 */
public record CaregiverInfo(String id, String tenant, String firstName, String namePrefix, String lastName,
                            LocalDate birthDate, String postcode, Integer houseNumber, String houseNumberAddition,
                            Boolean livesInMunicipality, Boolean working,
                            boolean hasBsn, boolean hasIban, boolean active, Instant registeredAt) {

    /** The address as a key (postcode, number, addition), e.g. for limits per address; null without a number. */
    public String addressKey() {
        return houseNumber == null ? null : postcode.replace(" ", "") + "-" + houseNumber
                + (houseNumberAddition == null ? "" : "-" + houseNumberAddition.toUpperCase(java.util.Locale.ROOT));
    }

    /** Age in whole years on the given date. */
    public int ageOn(LocalDate date) {
        return java.time.Period.between(birthDate, date).getYears();
    }
}
