package nl.mantelkring.registration.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Dates are Dutch calendar dates; stored instants have millisecond precision. */
final class Clocks {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private Clocks() {
    }
}
