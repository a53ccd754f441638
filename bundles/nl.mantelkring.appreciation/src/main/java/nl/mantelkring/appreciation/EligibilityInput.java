package nl.mantelkring.appreciation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * The facts an application is judged on, as an {@link EligibilityRule} sees them. Only pseudonymous ids; no name,
 * BSN or IBAN.
 *
 * @param year                         the appreciation year
 * @param applicationDate              when the application was made
 * @param applicant                    who applied: {@code mantelzorger}, {@code zorgvrager} or {@code consulent}
 * @param caregiverId                  the caregiver's id (registration module)
 * @param caregiverAge                 the caregiver's age in whole years on the application date
 * @param caregiverLivesInMunicipality whether the caregiver lives in the municipality (null: unknown)
 * @param recipientId                  the care recipient's id
 * @param recipientLivesInMunicipality whether the care recipient lives in the municipality
 * @param careSince                    first day of care
 * @param hoursPerWeek                 hours of care per week
 * @param careKinds                    kinds of care (registration codes)
 * @param terminalCare                 care for someone in the terminal phase
 * @param carePaid                     the care is already paid for (e.g. from a personal budget)
 * @param youngCaregiver               the caregiver is younger than 25
 * @param workingCaregiver             the caregiver combines care with paid work (null: unknown)
 */
public record EligibilityInput(int year, LocalDate applicationDate, String applicant, String caregiverId,
                               int caregiverAge, Boolean caregiverLivesInMunicipality, String recipientId,
                               boolean recipientLivesInMunicipality, LocalDate careSince, BigDecimal hoursPerWeek,
                               Set<String> careKinds, boolean terminalCare, boolean carePaid,
                               boolean youngCaregiver, Boolean workingCaregiver) {
}
