package nl.mantelkring.platform.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import javax.sql.DataSource;

import org.slf4j.LoggerFactory;

/**
 * The node's pooled datasource with a circuit breaker for a database that is gone. The pool waits its
 * {@code connectionTimeout} (5 s) for a connection; while the database is down every request would wait that long,
 * once per query. So once getting a connection failed <em>because the database cannot be reached</em> (the pool's
 * timeout caused by a connection error, or a connection error itself), every other request fails at once with a
 * connection exception (answered 503 by the REST layer) while one request at a time probes the database the normal
 * way, at most one probe a second. The first probe that gets a connection closes the circuit. A pool that is merely busy (a timeout without an
 * underlying connection error) does not open it.
 *
 * <p>Every connection it hands out sets the node's statement timeout on each statement, and while a request's
 * {@link UnitOfWork} is bound to the thread it hands out handles of that unit's connection instead.
 */
final class FailFastDataSource extends DelegatingDataSource {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(FailFastDataSource.class);

    /** After a failed probe, the next one waits this long, so that one request does not probe twice in a row. */
    static final long PROBE_INTERVAL_NANOS = 1_000_000_000L;

    private final DataSource pool;
    private final LongSupplier nanoTime;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean open;
    private volatile long nextProbe;
    private volatile int statementTimeoutSeconds;
    private volatile Boolean h2;
    /** The pool's physical H2 connections and the lock timeout set on each (seconds). */
    private final Map<Connection, Integer> lockTimeoutApplied = Collections.synchronizedMap(new WeakHashMap<>());

    FailFastDataSource(DataSource pool) {
        this(pool, System::nanoTime);
    }

    FailFastDataSource(DataSource pool, LongSupplier nanoTime) {
        super(pool);
        this.pool = pool;
        this.nanoTime = nanoTime;
    }

    /** Whether the circuit is open (the database was found unreachable and has not answered since). */
    boolean isOpen() {
        return open;
    }

    /** Sets the timeout of every statement run on a connection of this datasource; 0: none. */
    void setStatementTimeoutSeconds(int seconds) {
        this.statementTimeoutSeconds = Math.max(0, seconds);
    }

    int statementTimeoutSeconds() {
        return statementTimeoutSeconds;
    }

    @Override
    public Connection getConnection() throws SQLException {
        UnitOfWork unit = UnitOfWork.current();
        if (unit != null) {
            return unit.handle(this);
        }
        return UnitConnection.plain(connect(null, null, false), statementTimeoutSeconds);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return UnitConnection.plain(connect(username, password, true), statementTimeoutSeconds);
    }

    /** This datasource without units: its connections commit on their own (still with the statement timeout). */
    DataSource outsideUnit() {
        return new DelegatingDataSource(this) {
            @Override
            public Connection getConnection() throws SQLException {
                return UnitConnection.plain(connect(null, null, false), statementTimeoutSeconds);
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return FailFastDataSource.this.getConnection(username, password);
            }
        };
    }

    private Connection connect(String user, String password, boolean withCredentials) throws SQLException {
        boolean probe = false;
        if (open) {
            if (nanoTime.getAsLong() - nextProbe < 0 || !probing.compareAndSet(false, true)) {
                throw new SQLTransientConnectionException("The database is unreachable (checked again shortly)",
                        "08001");
            }
            probe = true;
        }
        try {
            Connection c = withCredentials ? pool.getConnection(user, password) : pool.getConnection();
            try {
                applyLockTimeout(c);
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            if (open) {
                open = false;
                LOG.info("The database is reachable again");
            }
            return c;
        } catch (SQLException e) {
            if (unreachable(e)) {
                nextProbe = nanoTime.getAsLong() + PROBE_INTERVAL_NANOS;
            }
            if (unreachable(e) && !open) {
                open = true;
                LOG.warn("The database is unreachable ({}): requests fail at once with 503 while one at a time"
                        + " checks whether it is back", e.getMessage());
            }
            throw e;
        } finally {
            if (probe) {
                probing.set(false);
            }
        }
    }

    /**
     * H2 does not cut a statement that waits for a row lock at its query timeout, only at its own lock timeout (a
     * session setting): on H2 that is set to the statement timeout too, once per pooled connection, so that one
     * setting bounds every wait on both databases. (PostgreSQL cancels a lock wait at the statement timeout.)
     */
    private void applyLockTimeout(Connection c) throws SQLException {
        int seconds = statementTimeoutSeconds;
        if (seconds <= 0) {
            return;
        }
        Boolean isH2 = h2;
        if (isH2 == null) {
            isH2 = "H2".equals(c.getMetaData().getDatabaseProductName());
            h2 = isH2;
        }
        if (!isH2) {
            return;
        }
        Connection raw = c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c;
        if (!Integer.valueOf(seconds).equals(lockTimeoutApplied.get(raw))) {
            try (Statement s = c.createStatement()) {
                s.execute("set lock_timeout " + seconds * 1000);
            }
            lockTimeoutApplied.put(raw, seconds);
        }
    }

    /** A connection error (SQLSTATE 08, or 57P0x: shutting down, starting up) in the exception or its causes. */
    static boolean unreachable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }
}
