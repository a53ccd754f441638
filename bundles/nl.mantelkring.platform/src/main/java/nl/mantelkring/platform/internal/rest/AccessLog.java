package nl.mantelkring.platform.internal.rest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one access-log line per request (logger {@code nl.mantelkring.access}): correlation id, tenant, method, route
 * template, status, duration. Never a path with identifiers, a query value or a user name.
 */
final class AccessLog {

    private static final Logger ACCESS = LoggerFactory.getLogger("nl.mantelkring.access");

    static void line(String correlationId, String tenant, String method, String route, int status, long ms) {
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info("correlationId={} tenant={} method={} route={} status={} durationMs={}",
                    correlationId == null ? "-" : correlationId, tenant == null ? "-" : tenant, method, route, status,
                    ms);
        }
    }

    /** A request answered before it reached a resource (no route, no tenant, no measured duration). */
    static void line(String correlationId, String method, int status) {
        line(correlationId, null, method, "-", status, -1);
    }

    private AccessLog() {
    }
}
