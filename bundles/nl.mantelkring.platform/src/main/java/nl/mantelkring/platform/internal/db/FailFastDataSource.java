package nl.mantelkring.platform.internal.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

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
 */
final class FailFastDataSource implements DataSource {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(FailFastDataSource.class);

    /** After a failed probe, the next one waits this long, so that one request does not probe twice in a row. */
    static final long PROBE_INTERVAL_NANOS = 1_000_000_000L;

    private final DataSource pool;
    private final LongSupplier nanoTime;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean open;
    private volatile long nextProbe;

    FailFastDataSource(DataSource pool) {
        this(pool, System::nanoTime);
    }

    FailFastDataSource(DataSource pool, LongSupplier nanoTime) {
        this.pool = pool;
        this.nanoTime = nanoTime;
    }

    /** Whether the circuit is open (the database was found unreachable and has not answered since). */
    boolean isOpen() {
        return open;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(null, null, false);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connect(username, password, true);
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

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
