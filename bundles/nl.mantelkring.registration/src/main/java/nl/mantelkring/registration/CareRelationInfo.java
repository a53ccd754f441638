package nl.mantelkring.registration;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * A care relation as other modules see it.
 *
 * @param id                           the relation's id
 * @param caregiverId                  the caregiver's id
 * @param recipientId                  the care recipient's id (shared by all relations with that recipient)
 * @param relation                     API code of the relation ({@code partner}, {@code ouder}, {@code kind},
 *                                     {@code ander-familielid}, {@code buur}, {@code vriend}, {@code anders})
 * @param careSince                    first day of care
 * @param hoursPerWeek                 hours of care per week
 * @param careKinds                    API codes of the kinds of care
 * @param recipientLivesInMunicipality whether the recipient lives in the municipality
 * @param wmo                          whether the recipient receives Wmo support
 * @param wlz                          whether the recipient receives Wlz care
 * @param zvw                          whether the recipient receives Zvw care
 * @param terminal                     terminal care
 * @param active                       false once ended
 * @param endedOn                      last day of care, or null
 * @param endReason                    API code of the end reason, or null
 */
public record CareRelationInfo(String id, String caregiverId, String recipientId, String relation,
                               LocalDate careSince, BigDecimal hoursPerWeek, Set<String> careKinds,
                               boolean recipientLivesInMunicipality, boolean wmo, boolean wlz, boolean zvw,
                               boolean terminal, boolean active, LocalDate endedOn, String endReason) {
}
