package nl.mantelkring.platform.internal.oidc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.audit.AuditEntry;
import nl.mantelkring.platform.api.audit.AuditLog;

/** Audit entries of sign-ins, sign-outs and refused sign-ins: user name or citizen pseudonym only. */
final class SignInAudit {

    private static final Logger LOG = LoggerFactory.getLogger(SignInAudit.class);
    static final String UNKNOWN = "onbekend";
    private static final String PURPOSE = "Toegangsbeveiliging: aanmelden en afmelden";

    private SignInAudit() {
    }

    static void signedIn(AuditLog audit, String actor, String roles, String provider, String correlationId) {
        audit.record(new AuditEntry(null, actor, roles, "sessie.aanmelden", "sessie", provider, null, PURPOSE, false,
                correlationId, "geslaagd"));
    }

    static void refused(AuditLog audit, String provider, SignInRefused r, String correlationId) {
        LOG.info("Sign-in through {} refused ({}): {}", provider, r.status(), r.reason());
        audit.record(new AuditEntry(null, UNKNOWN, null, "sessie.aanmelden", "sessie", provider, null, PURPOSE, false,
                correlationId, (r.status() == 503 ? "mislukt " : "geweigerd ") + r.status()));
    }

    static void refusedKnown(AuditLog audit, String actor, String provider, SignInRefused r, String correlationId) {
        LOG.info("Sign-in through {} refused ({}): {}", provider, r.status(), r.reason());
        audit.record(new AuditEntry(null, actor, null, "sessie.aanmelden", "sessie", provider, null, PURPOSE, false,
                correlationId, "geweigerd " + r.status()));
    }

    static void signedOut(AuditLog audit, String actor, String provider, String correlationId) {
        audit.record(new AuditEntry(null, actor, null, "sessie.afmelden", "sessie", provider, null, PURPOSE, false,
                correlationId, "geslaagd"));
    }
}
