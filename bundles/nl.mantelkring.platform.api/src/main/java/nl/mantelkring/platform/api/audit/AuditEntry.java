package nl.mantelkring.platform.api.audit;

import java.util.Objects;

/**
 * One audit entry to record. It never holds a BSN or a name: {@code recordId} and {@code subjectId} are the
 * platform's own (pseudonymous) ids.
 *
 * @param tenant        the tenant's gemeentecode, or {@code null} for installation-wide changes
 * @param actor         the user name, or a system actor such as {@code systeem:bewaartermijn}
 * @param actorRoles    the roles the actor acted in, comma separated
 * @param activity      the processing activity, e.g. {@code mantelzorger.verwijderen}
 * @param recordType    the kind of record, e.g. {@code mantelzorger}
 * @param recordId      the record's id, or {@code null}
 * @param subjectId     the data subject's pseudonymous id, or {@code null}
 * @param purpose       purpose or legal basis
 * @param personalData  whether personal data was processed
 * @param correlationId trace id of the request or job
 * @param outcome       {@code geslaagd} (done), {@code geweigerd} (refused by access control), {@code afgewezen}
 *                      (rejected as invalid) or {@code mislukt} (failed), optionally followed by the HTTP status
 */
public record AuditEntry(String tenant, String actor, String actorRoles, String activity, String recordType,
                         String recordId, String subjectId, String purpose, boolean personalData,
                         String correlationId, String outcome) {
    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(recordType, "recordType");
        Objects.requireNonNull(outcome, "outcome");
    }
}
