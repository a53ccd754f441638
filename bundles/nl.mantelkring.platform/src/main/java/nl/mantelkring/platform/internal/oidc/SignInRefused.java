package nl.mantelkring.platform.internal.oidc;

/**
 * A sign-in refused: {@code status} for the browser (400 bad or replayed callback, 401 token not valid, 403 not
 * allowed, 503 provider unreachable), {@code reason} for the audit log and the debug log (never a BSN or token),
 * {@code message} in Dutch for the person (nothing that helps an attacker).
 */
final class SignInRefused extends Exception {

    private final int status;
    private final String reason;

    SignInRefused(int status, String reason, String message) {
        super(message, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    int status() {
        return status;
    }

    String reason() {
        return reason;
    }

    static SignInRefused badCallback(String reason) {
        return new SignInRefused(400, reason, "Deze aanmelding is verlopen, al gebruikt of niet in deze browser"
                + " begonnen. Begin opnieuw met aanmelden.");
    }

    static SignInRefused invalidToken(String reason) {
        return new SignInRefused(401, reason, "De aanmelding kon niet worden gecontroleerd. Begin opnieuw met"
                + " aanmelden.");
    }

    static SignInRefused unavailable(String reason) {
        return new SignInRefused(503, reason, "Aanmelden is op dit moment niet mogelijk. Probeer het over een paar"
                + " minuten opnieuw.");
    }
}
