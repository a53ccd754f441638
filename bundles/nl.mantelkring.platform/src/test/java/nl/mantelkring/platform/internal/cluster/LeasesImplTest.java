package nl.mantelkring.platform.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import nl.mantelkring.platform.api.cluster.Lease;
import nl.mantelkring.platform.api.cluster.LeaseState;
import nl.mantelkring.platform.api.data.Database;
import nl.mantelkring.platform.internal.H2Database;
import nl.mantelkring.platform.internal.PostgresqlTestDatabase;

/**
 * Two lease services ("nodes") on one database: on in-memory H2 always, and on PostgreSQL too when
 * {@code -Dmantelkring.test.postgresql=jdbc:postgresql://host:port/db?user=...} is given (a fresh schema; the build
 * sets it from {@code MANTELKRING_ITEST_POSTGRESQL}).
 */
class LeasesImplTest {

    private static final List<Runnable> CLEANUP = new ArrayList<>();

    static Stream<String> databases() {
        return PostgresqlTestDatabase.available() ? Stream.of("h2", "postgresql") : Stream.of("h2");
    }

    @AfterAll
    static void cleanup() {
        CLEANUP.forEach(Runnable::run);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void onlyOneHolderAtATimeAndTheTokenGrows(String db) {
        Nodes n = nodes(db);
        Lease a = n.a.tryAcquire("run/GM0363/2026", Duration.ofSeconds(30)).orElseThrow();
        assertTrue(a.holder().startsWith("node-a/"));
        assertEquals(1, a.token());
        assertTrue(a.isHeld());
        assertTrue(n.b.tryAcquire("run/GM0363/2026", Duration.ofSeconds(30)).isEmpty(), "B while A holds it");
        assertTrue(n.a.tryAcquire("run/GM0363/2026", Duration.ofSeconds(30)).isEmpty(), "A again: one holder");
        assertTrue(n.b.tryAcquire("run/GM0344/2026", Duration.ofSeconds(30)).isPresent(), "another name is free");
        LeaseState seen = n.b.current("run/GM0363/2026").orElseThrow();
        assertEquals(a.holder(), seen.holder());
        assertEquals(1, seen.token());
        assertTrue(a.renew());

        a.close();
        assertFalse(a.isHeld());
        assertFalse(a.renew(), "a released lease cannot be renewed");
        assertTrue(n.b.current("run/GM0363/2026").isEmpty());
        Lease b = n.b.tryAcquire("run/GM0363/2026", Duration.ofSeconds(30)).orElseThrow();
        assertEquals(2, b.token(), "the fencing token grows with every acquisition");
        a.close(); // twice: nothing happens, B keeps it
        assertEquals(b.holder(), n.a.current("run/GM0363/2026").orElseThrow().holder());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void anExpiredLeaseCanBeTakenAndItsOldHolderKnowsItLostIt(String db) throws InterruptedException {
        Nodes n = nodes(db);
        Lease a = n.a.tryAcquire("expiring", Duration.ofSeconds(1)).orElseThrow();
        Thread.sleep(1300);
        assertFalse(a.isHeld(), "past its time to live by the node's own clock");
        Lease b = n.b.tryAcquire("expiring", Duration.ofSeconds(30)).orElseThrow();
        assertEquals(2, b.token());
        assertFalse(a.renew(), "A lost it to B");
        a.close(); // must not release B's lease
        assertEquals(b.holder(), n.a.current("expiring").orElseThrow().holder());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void racingNodesGetOneLease(String db) throws Exception {
        Nodes n = nodes(db);
        for (int round = 0; round < 3; round++) {
            // round 0: a name never taken (insert race); later rounds: a released lease (update race)
            List<Lease> won = race(n, "race");
            assertEquals(1, won.size(), "round " + round + ": exactly one winner");
            assertEquals(round + 1, won.get(0).token());
            won.get(0).close();
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void workRunsExclusivelyAndTheLeaseIsRenewedWhileItRuns(String db) {
        Nodes n = nodes(db);
        Optional<String> result = n.a.runExclusively("long-work", Duration.ofSeconds(1), lease -> {
            for (int i = 0; i < 5; i++) {
                sleep(500);
                assertTrue(lease.isHeld(), "renewed in the background");
                assertTrue(n.b.tryAcquire("long-work", Duration.ofSeconds(1)).isEmpty(), "B during A's work");
                assertTrue(n.b.runExclusively("long-work", Duration.ofSeconds(1), l -> "B ran").isEmpty());
            }
            return "A ran";
        });
        assertEquals(Optional.of("A ran"), result);
        assertTrue(n.b.current("long-work").isEmpty(), "released after the work");
        assertThrows(IllegalStateException.class, () -> n.b.runExclusively("long-work", Duration.ofSeconds(5), l -> {
            throw new IllegalStateException("work failed");
        }));
        assertTrue(n.a.current("long-work").isEmpty(), "released when the work throws");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void invalidNamesAndTimesAreRefused(String db) {
        Nodes n = nodes(db);
        assertThrows(IllegalArgumentException.class, () -> n.a.tryAcquire("met spatie", Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> n.a.tryAcquire("", Duration.ofSeconds(5)));
        assertThrows(IllegalArgumentException.class, () -> n.a.tryAcquire("x", Duration.ofMillis(10)));
        assertThrows(IllegalArgumentException.class, () -> n.a.tryAcquire("x", Duration.ofDays(2)));
    }

    private static List<Lease> race(Nodes n, String name) throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Optional<Lease>>> tries = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                LeasesImpl node = i % 2 == 0 ? n.a : n.b;
                tries.add(pool.submit(() -> {
                    start.await();
                    return node.tryAcquire(name, Duration.ofSeconds(30));
                }));
            }
            start.countDown();
            List<Lease> won = new ArrayList<>();
            for (Future<Optional<Lease>> f : tries) {
                f.get().ifPresent(won::add);
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    private record Nodes(LeasesImpl a, LeasesImpl b) {
    }

    private static Nodes nodes(String db) {
        Database database = "h2".equals(db) ? h2() : postgresql();
        LeasesImpl a = new LeasesImpl(database, config("node-a"));
        LeasesImpl b = new LeasesImpl(database, config("node-b"));
        CLEANUP.add(a::deactivate);
        CLEANUP.add(b::deactivate);
        return new Nodes(a, b);
    }

    private static Database h2() {
        H2Database h2 = new H2Database();
        CLEANUP.add(h2::close);
        return h2;
    }

    private static Database postgresql() {
        PostgresqlTestDatabase pg = new PostgresqlTestDatabase();
        CLEANUP.add(pg::close);
        return pg;
    }

    private static LeasesImpl.Config config(String nodeId) {
        return new LeasesImpl.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return LeasesImpl.Config.class;
            }

            @Override
            public String nodeId() {
                return nodeId;
            }
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
