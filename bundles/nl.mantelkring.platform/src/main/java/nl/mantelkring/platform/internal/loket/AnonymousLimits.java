package nl.mantelkring.platform.internal.loket;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * How many anonymous requests (the loket's public operations, {@code @Anonymous}) one client address may make: a
 * fixed window of one minute per address, counted on each node on its own (a client spread over n nodes by a load
 * balancer gets at most n times the limit). The table of windows is bounded: beyond {@code maxTrackedClients}
 * addresses it is cleared of windows that have ended, and if still full it starts afresh (limits then reset early,
 * never refuse wrongly).
 */
@Component(service = AnonymousLimits.class, configurationPid = AnonymousLimits.PID)
@Designate(ocd = AnonymousLimits.Config.class)
public class AnonymousLimits {

    public static final String PID = "nl.mantelkring.platform.loket";

    @ObjectClassDefinition(name = "Mantelkring loket (public front door)")
    public @interface Config {
        @AttributeDefinition(description = "Anonymous requests per minute and client address (beyond: 429); 0 = no limit")
        int anonymousRequestsPerMinute() default 300;

        @AttributeDefinition(description = "Header with the client address set by the reverse proxy in front of the"
                + " installation (e.g. X-Forwarded-For: its last entry is used); empty = the connection's address."
                + " Set it only behind a proxy that sets it, or clients can pick their own address")
        String clientAddressHeader() default "";

        @AttributeDefinition(description = "Most client addresses tracked at once")
        int maxTrackedClients() default 100_000;

        @AttributeDefinition(description = "Largest request body of an anonymous request, in bytes (larger: 413)")
        int anonymousMaxBodyBytes() default 65_536;
    }

    /** The outcome for one request: allowed, or refused with the seconds until the window ends. */
    public record Verdict(boolean allowed, long retryAfterSeconds) {
    }

    private static final class Window {
        final long minute;
        int count;

        Window(long minute) {
            this.minute = minute;
        }
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile Config config;

    @Activate
    public AnonymousLimits(Config config) {
        this(config, Clock.systemUTC());
    }

    AnonymousLimits(Config config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Modified
    void modified(Config changed) {
        this.config = changed;
        windows.clear();
    }

    /** The largest body an anonymous request may send. */
    public int maxBodyBytes() {
        return config.anonymousMaxBodyBytes();
    }

    /** The address to count: the proxy's header when configured and present, else the connection's. */
    public String clientAddress(String remoteAddress, java.util.function.UnaryOperator<String> header) {
        String name = config.clientAddressHeader();
        if (name != null && !name.isBlank()) {
            String value = header.apply(name.trim());
            if (value != null && !value.isBlank()) {
                String[] hops = value.split(",");
                String last = hops[hops.length - 1].trim();
                if (!last.isEmpty() && last.length() <= 64) {
                    return last;
                }
            }
        }
        return remoteAddress == null ? "-" : remoteAddress;
    }

    /** Counts one request of the address. */
    public Verdict acquire(String address) {
        int limit = config.anonymousRequestsPerMinute();
        if (limit <= 0) {
            return new Verdict(true, 0);
        }
        long millis = clock.millis();
        long minute = millis / 60_000;
        if (windows.size() >= config.maxTrackedClients() && !windows.containsKey(address)) {
            windows.values().removeIf(w -> w.minute < minute);
            if (windows.size() >= config.maxTrackedClients()) {
                windows.clear();
            }
        }
        Window w = windows.compute(address, (k, old) -> old == null || old.minute != minute ? new Window(minute) : old);
        synchronized (w) {
            if (w.count >= limit) {
                return new Verdict(false, Math.max(1, ((minute + 1) * 60_000 - millis + 999) / 1000));
            }
            w.count++;
            return new Verdict(true, 0);
        }
    }
}
