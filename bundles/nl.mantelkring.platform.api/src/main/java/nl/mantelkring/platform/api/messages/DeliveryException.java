package nl.mantelkring.platform.api.messages;

/** A delivery that failed; permanent failures are not retried (an unknown address), others are, with backoff. */
public class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    /** @param reason Dutch, shown to the consultant */
    public DeliveryException(String reason, boolean permanent, Throwable cause) {
        super(reason, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
