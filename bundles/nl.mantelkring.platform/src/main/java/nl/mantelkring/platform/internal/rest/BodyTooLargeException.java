package nl.mantelkring.platform.internal.rest;

import java.io.IOException;

/** Raised while reading a request body that exceeds the limit; mapped to 413. */
public class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    static volatile long limit = 1_048_576;

    public BodyTooLargeException() {
        super("request body too large");
    }

    static String describeLimit() {
        return limit >= 1_048_576 && limit % 1_048_576 == 0 ? (limit / 1_048_576) + " MiB" : limit + " bytes";
    }
}
