package nl.mantelkring.registration;

import java.time.LocalDate;

import nl.mantelkring.platform.api.address.Address;

/**
 * What a {@link PersonVerifier} is asked about.
 *
 * @param bsn       the BSN when recorded (already passed the eleven-test), else null; never log it
 * @param birthDate date of birth
 * @param address   the address as entered (postcode normalised)
 */
public record PersonQuery(String bsn, LocalDate birthDate, Address address) {

    @Override
    public String toString() {
        return "PersonQuery[bsn=" + (bsn == null ? "-" : "***") + "]";
    }
}
