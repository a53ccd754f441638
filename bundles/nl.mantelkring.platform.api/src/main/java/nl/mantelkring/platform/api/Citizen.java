package nl.mantelkring.platform.api;

import java.security.Principal;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The citizen signed in with DigiD (through the installation's broker) who calls a {@link CitizenAccess} method:
 * the user principal of the request's {@code SecurityContext}. {@link #getName()} is the pseudonym: the same for one person on every
 * node and in every tenant, and never the BSN.
 *
 * @since 1.2
 */
@ProviderType
public interface Citizen extends Principal {

    /** The role name the audit log records for a citizen. */
    String ROLE = "burger";

    /** The pseudonym (a keyed hash of the BSN); what the audit log names as the actor. Same as {@link #getName()}. */
    String pseudonym();

    /** The citizen's BSN, from the sign-in (nine digits). Never echo it in full to the client or a log. */
    String bsn();

    /**
     * The DigiD assurance level of the sign-in in Dutch: {@code Basis}, {@code Midden}, {@code Substantieel} or
     * {@code Hoog}.
     */
    String assuranceLevel();

    /**
     * Names the citizen's own record this request reads or changes (e.g. the caregiver id the BSN led to): the audit
     * entry's data subject, and its record id when neither the path nor a created resource's location names one. Call
     * it once the record is known; the last call counts.
     */
    void concerns(String recordId);

    /**
     * The signed-in citizen of a {@link CitizenAccess} request: {@code Citizen.of(security.getUserPrincipal())}.
     *
     * @throws ProblemException 401 when the request has no citizen (the method lacks {@link CitizenAccess})
     */
    static Citizen of(Principal principal) {
        if (principal instanceof Citizen c) {
            return c;
        }
        throw new ProblemException(401, Problems.UNAUTHORIZED, "Niet aangemeld",
                "Meld u aan met DigiD om dit te doen.");
    }
}
