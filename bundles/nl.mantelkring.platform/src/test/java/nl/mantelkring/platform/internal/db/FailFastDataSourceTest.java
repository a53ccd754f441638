package nl.mantelkring.platform.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

class FailFastDataSourceTest {

    /** What the pool does on getConnection: return a connection or throw. */
    interface Behaviour {
        Connection get() throws SQLException;
    }

    private final Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Connection.class}, (p, m, a) -> null);
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Behaviour behaviour = () -> connection;
    private final DataSource pool = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {DataSource.class}, (p, m, a) -> {
                calls.incrementAndGet();
                return behaviour.get();
            });
    private final AtomicLong clock = new AtomicLong();
    private final FailFastDataSource ds = new FailFastDataSource(pool, clock::get);

    private static SQLException poolTimeoutBecauseUnreachable() {
        return new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out"
                + " after 5000ms.", null, new SQLException("Connection to 127.0.0.1:5432 refused.", "08001"));
    }

    @Test
    void aBusyPoolOrWrongSqlDoesNotOpenTheCircuit() throws SQLException {
        behaviour = () -> {
            throw new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out");
        };
        assertThrows(SQLException.class, ds::getConnection);
        assertFalse(ds.isOpen());
        behaviour = () -> {
            throw new SQLException("permission denied", "42501");
        };
        assertThrows(SQLException.class, ds::getConnection);
        assertFalse(ds.isOpen());
        behaviour = () -> connection;
        assertSame(connection, ds.getConnection());
        assertEquals(3, calls.get());
    }

    @Test
    void whileTheDatabaseIsUnreachableOneRequestProbesAndTheOthersFailAtOnce() throws Exception {
        behaviour = () -> {
            throw poolTimeoutBecauseUnreachable();
        };
        assertThrows(SQLException.class, ds::getConnection);
        assertTrue(ds.isOpen());
        assertEquals(1, calls.get());
        // right after a failed attempt, nobody waits for the pool: not even the request that just failed
        assertEquals("08001", assertThrows(SQLException.class, ds::getConnection).getSQLState());
        assertEquals(1, calls.get());
        clock.addAndGet(FailFastDataSource.PROBE_INTERVAL_NANOS);

        // a probe is under way (the pool waits for a connection) ...
        CountDownLatch probing = new CountDownLatch(1);
        CountDownLatch databaseBack = new CountDownLatch(1);
        behaviour = () -> {
            probing.countDown();
            try {
                databaseBack.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return connection;
        };
        CompletableFuture<Connection> probe = CompletableFuture.supplyAsync(() -> {
            try {
                return ds.getConnection();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(probing.await(10, TimeUnit.SECONDS));
        // ... so every other request fails at once, as a connection error (503), without touching the pool
        for (int i = 0; i < 5; i++) {
            SQLException e = assertThrows(SQLException.class, ds::getConnection);
            assertEquals("08001", e.getSQLState());
        }
        assertEquals(2, calls.get());

        databaseBack.countDown();
        assertSame(connection, probe.get(10, TimeUnit.SECONDS));
        assertFalse(ds.isOpen(), "the successful probe closed the circuit");
        assertSame(connection, ds.getConnection());
        assertEquals(3, calls.get());
    }

    @Test
    void aServerShuttingDownCountsAsUnreachable() {
        assertTrue(FailFastDataSource.unreachable(new SQLException("terminating connection", "57P01")));
        assertTrue(FailFastDataSource.unreachable(new SQLException("x", null, new java.net.ConnectException())));
        assertFalse(FailFastDataSource.unreachable(new SQLException("duplicate", "23505")));
    }
}
