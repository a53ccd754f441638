package nl.mantelkring.platform.internal.security;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed logins per user name: after {@code maxFailures} failures within a window the name is refused for a while.
 * Memory is bounded without forgetting the names under attack: when the table is full, windows that ended go
 * first, then the names with the fewest failures; a name that is blocked, or has at least half the failures that
 * block it, is never dropped. When every name in a full table is such a name, the names that find no room share
 * one count (and one block): guessing on names the table cannot hold is limited as one name is, never unlimited.
 */
final class FailedLogins {

    /** User names tracked at most (plus at most one per login racing the eviction). */
    static final int DEFAULT_CAPACITY = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(FailedLogins.class);

    /** The failures in the current window; {@code blocks}: the name is refused until {@code blockedUntilNanos}. */
    private record Failures(int count, long windowStartNanos, boolean blocks, long blockedUntilNanos) {
    }

    private final int maxFailures;
    private final long windowNanos;
    private final long blockNanos;
    private final int capacity;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Failures> byName = new ConcurrentHashMap<>();
    /** The shared count of the names that found no room in a full table. */
    private final AtomicReference<Failures> overflow = new AtomicReference<>();
    private final Object evicting = new Object();
    /** After an eviction that found nothing to drop, the next one waits this long (no full scan per failure). */
    private static final long RESCAN_NANOS = 1_000_000_000L;
    private long noRoomUntilNanos;

    FailedLogins(int maxFailures, int windowSeconds, int blockSeconds, int capacity, LongSupplier nanoClock) {
        this.maxFailures = maxFailures;
        this.windowNanos = windowSeconds * 1_000_000_000L;
        this.blockNanos = blockSeconds * 1_000_000_000L;
        this.capacity = capacity;
        this.nanoClock = nanoClock;
        this.noRoomUntilNanos = nanoClock.getAsLong();
    }

    /** Seconds before this user name may try again, or 0 when it may try now. */
    long blockedSeconds(String user) {
        long now = nanoClock.getAsLong();
        Failures f = byName.get(user);
        if (f == null) {
            f = overflow.get();
        }
        if (f != null && blocked(f, now)) {
            return Math.max(1, (f.blockedUntilNanos - now) / 1_000_000_000L);
        }
        return 0;
    }

    /** Counts a failed login of this user name; blocks it when it reaches the limit. */
    void failed(String user) {
        if (maxFailures <= 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (!byName.containsKey(user) && byName.size() >= capacity && !makeRoom(now)) {
            if (begins(overflow.updateAndGet(old -> next(old, now)), now)) {
                LOG.warn("Logins refused for {} s for every user name without its own count: more than {} user"
                        + " names are being guessed", blockNanos / 1_000_000_000L, capacity);
            }
            return;
        }
        if (begins(byName.compute(user, (k, old) -> next(old, now)), now)) {
            LOG.warn("Logins refused for {} s after {} failures for one user name", blockNanos / 1_000_000_000L,
                    maxFailures);
        }
    }

    /** Forgets the failures of a user name that logged in. */
    void succeeded(String user) {
        byName.remove(user);
    }

    /** User names tracked now. */
    int size() {
        return byName.size();
    }

    private Failures next(Failures old, long now) {
        if (old != null && blocked(old, now)) {
            return old;   // a guess that was under way when the block began does not lift it
        }
        Failures cur = old == null || now - old.windowStartNanos > windowNanos ? new Failures(0, now, false, 0) : old;
        int count = cur.count + 1;
        if (count >= maxFailures) {
            return new Failures(0, now, true, now + blockNanos);
        }
        return new Failures(count, cur.windowStartNanos, false, 0);
    }

    /** Whether there is room for one more user name, evicting if needed. */
    private boolean makeRoom(long now) {
        synchronized (evicting) {
            if (byName.size() < capacity) {
                return true;
            }
            if (noRoomUntilNanos - now > 0) {
                return false;
            }
            evict(now);
            if (byName.size() < capacity) {
                return true;
            }
            noRoomUntilNanos = now + RESCAN_NANOS;
            return false;
        }
    }

    /** Makes room for the next tenth of the capacity, so that a full table is not scanned on every failure. */
    private void evict(long now) {
        int target = capacity - Math.max(1, capacity / 10);
        byName.entrySet().removeIf(e -> !blocked(e.getValue(), now) && windowEnded(e.getValue(), now));
        if (byName.size() <= target) {
            return;
        }
        int threshold = Math.max(1, (maxFailures + 1) / 2);
        List<Map.Entry<String, Failures>> candidates = byName.entrySet().stream()
                .filter(e -> !blocked(e.getValue(), now) && e.getValue().count < threshold)
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt((Map.Entry<String, Failures> e) -> e.getValue().count)
                        .thenComparingLong(e -> e.getValue().windowStartNanos - now))
                .toList();
        for (Map.Entry<String, Failures> e : candidates) {
            if (byName.size() <= target) {
                break;
            }
            byName.remove(e.getKey(), e.getValue());
        }
    }

    private boolean begins(Failures f, long now) {
        return f.blocks && f.blockedUntilNanos == now + blockNanos;
    }

    private static boolean blocked(Failures f, long now) {
        return f.blocks && f.blockedUntilNanos - now > 0;
    }

    private boolean windowEnded(Failures f, long now) {
        return now - f.windowStartNanos > windowNanos;
    }
}
