package nl.mantelkring.platform.internal.loket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AnonymousLimitsTest {

    static AnonymousLimits.Config config(int perMinute, String header, int maxClients) {
        return new AnonymousLimits.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AnonymousLimits.Config.class;
            }

            @Override
            public int anonymousRequestsPerMinute() {
                return perMinute;
            }

            @Override
            public String clientAddressHeader() {
                return header;
            }

            @Override
            public int maxTrackedClients() {
                return maxClients;
            }

            @Override
            public int anonymousMaxBodyBytes() {
                return 65_536;
            }
        };
    }

    private static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-12-03T10:00:15Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void eachAddressGetsItsLimitPerMinuteAndHearsWhenToTryAgain() {
        MutableClock clock = new MutableClock();
        AnonymousLimits limits = new AnonymousLimits(config(3, "", 1000), clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(limits.acquire("10.0.0.1").allowed());
        }
        AnonymousLimits.Verdict refused = limits.acquire("10.0.0.1");
        assertFalse(refused.allowed());
        assertEquals(45, refused.retryAfterSeconds(), "until the minute ends");
        assertTrue(limits.acquire("10.0.0.2").allowed(), "another address has its own count");
        clock.now = Instant.parse("2026-12-03T10:01:00Z");
        assertTrue(limits.acquire("10.0.0.1").allowed(), "a new minute, a new count");
    }

    @Test
    void zeroMeansNoLimit() {
        AnonymousLimits limits = new AnonymousLimits(config(0, "", 10), new MutableClock());
        for (int i = 0; i < 1000; i++) {
            assertTrue(limits.acquire("10.0.0.1").allowed());
        }
    }

    @Test
    void theTableOfAddressesStaysBoundedAndNeverRefusesAnUnseenAddress() {
        AnonymousLimits limits = new AnonymousLimits(config(1, "", 100), new MutableClock());
        for (int i = 0; i < 10_000; i++) {
            assertTrue(limits.acquire("10.1." + (i / 256) + "." + (i % 256)).allowed(), "address " + i);
        }
    }

    @Test
    void theProxyHeaderCountsOnlyWhenConfiguredAndItsLastHopIsTheClient() {
        Map<String, String> headers = Map.of("X-Forwarded-For", "6.6.6.6, 192.0.2.7");
        AnonymousLimits direct = new AnonymousLimits(config(1, "", 10), new MutableClock());
        assertEquals("127.0.0.1", direct.clientAddress("127.0.0.1", headers::get), "not configured: the connection");
        AnonymousLimits proxied = new AnonymousLimits(config(1, "X-Forwarded-For", 10), new MutableClock());
        assertEquals("192.0.2.7", proxied.clientAddress("127.0.0.1", headers::get),
                "the address the proxy added, not one the client wrote");
        assertEquals("127.0.0.1", proxied.clientAddress("127.0.0.1", h -> null), "header absent: the connection");
    }
}
