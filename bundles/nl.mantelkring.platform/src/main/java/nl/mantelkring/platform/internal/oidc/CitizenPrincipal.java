package nl.mantelkring.platform.internal.oidc;

import nl.mantelkring.platform.api.Citizen;

/**
 * The citizen of one request: made by {@link CitizenSessions} from the citizen session, with the BSN decrypted for
 * this request only. {@link #concerns(String)} is the one mutable part: the record the request touched, for its
 * audit entry.
 */
public final class CitizenPrincipal implements Citizen {

    private final String pseudonym;
    private final String bsn;
    private final String assuranceLevel;
    private final String csrfToken;
    private volatile String concerns;

    public CitizenPrincipal(String pseudonym, String bsn, String assuranceLevel, String csrfToken) {
        this.pseudonym = pseudonym;
        this.bsn = bsn;
        this.assuranceLevel = assuranceLevel;
        this.csrfToken = csrfToken;
    }

    @Override
    public String getName() {
        return pseudonym;
    }

    @Override
    public String pseudonym() {
        return pseudonym;
    }

    @Override
    public String bsn() {
        return bsn;
    }

    @Override
    public String assuranceLevel() {
        return assuranceLevel;
    }

    @Override
    public void concerns(String recordId) {
        this.concerns = recordId;
    }

    /** The record named by {@link #concerns(String)}, or null. */
    public String concerned() {
        return concerns;
    }

    /** The session's CSRF token, which unsafe requests must carry. */
    public String csrfToken() {
        return csrfToken;
    }

    /** Never the BSN. */
    @Override
    public String toString() {
        return "Citizen[" + pseudonym + "]";
    }
}
