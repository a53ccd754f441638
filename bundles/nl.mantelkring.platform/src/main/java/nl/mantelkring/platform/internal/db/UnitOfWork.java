package nl.mantelkring.platform.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import nl.mantelkring.platform.api.audit.AuditEntry;

/**
 * One transaction for a whole request: bound to the request thread for an audited write, so that the data a module
 * changes and the request's audit entry commit together or not at all, without code in any module.
 *
 * <p>While a unit is bound, the platform's datasource ({@link FailFastDataSource}) hands out {@link UnitConnection
 * handles} of the unit's one pool connection, taken on first use: a module's {@code close()} does nothing, its
 * transaction ({@code setAutoCommit(false)} ... {@code commit()}/{@code rollback()}) becomes a savepoint, so that
 * its own rollback still undoes only its part. Audit entries written during the request are deferred
 * ({@link #defer}) and appended when the unit commits, so the audit chain's head (a row lock) is taken last and held
 * for a moment only. Work for other threads that must see the request's data (a worker, an event) is queued with
 * {@link #afterCommit} and runs once the data is committed; it is dropped when the unit rolls back.
 */
public final class UnitOfWork {

    private static final Logger LOG = LoggerFactory.getLogger(UnitOfWork.class);
    private static final ThreadLocal<UnitOfWork> CURRENT = new ThreadLocal<>();

    private Connection connection;
    private boolean postgresql;
    private final List<AuditEntry> deferred = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();

    private UnitOfWork() {
    }

    /** Binds a new unit to this thread. */
    public static UnitOfWork begin() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a unit of work is already bound to this thread");
        }
        UnitOfWork unit = new UnitOfWork();
        CURRENT.set(unit);
        return unit;
    }

    /** The unit bound to this thread, or null. */
    public static UnitOfWork current() {
        return CURRENT.get();
    }

    /** Unbinds this thread's unit and returns it (null when none was bound); the caller ends it. */
    public static UnitOfWork unbind() {
        UnitOfWork unit = CURRENT.get();
        CURRENT.remove();
        return unit;
    }

    /**
     * The datasource behind {@code dataSource} that never joins a unit: for platform internals whose work must
     * commit on its own whatever the request does (a new audit chain head, cluster leases).
     */
    public static DataSource outsideUnit(DataSource dataSource) {
        return dataSource instanceof FailFastDataSource f ? f.outsideUnit() : dataSource;
    }

    /** A handle of this unit's connection, taking one from {@code source} on first use. */
    Connection handle(FailFastDataSource source) throws SQLException {
        if (connection == null) {
            Connection c = source.outsideUnit().getConnection();
            try {
                c.setAutoCommit(false);
                postgresql = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return UnitConnection.of(this, connection, postgresql, source.statementTimeoutSeconds());
    }

    /** Whether {@code c} is a handle of this unit. */
    public boolean owns(Connection c) {
        return UnitConnection.unitOf(c) == this;
    }

    /** Whether the unit has taken a connection (touched the database). */
    public boolean hasConnection() {
        return connection != null;
    }

    /** Queues an audit entry, appended in order when the unit commits. */
    public void defer(AuditEntry entry) {
        deferred.add(entry);
    }

    public List<AuditEntry> deferred() {
        return List.copyOf(deferred);
    }

    int deferredCount() {
        return deferred.size();
    }

    /** Drops the entries deferred after the first {@code count} (a module's transaction rolled back). */
    void dropDeferredAfter(int count) {
        deferred.subList(Math.min(count, deferred.size()), deferred.size()).clear();
    }

    /** Queues work to run after the unit commits. */
    public void afterCommit(Runnable task) {
        afterCommit.add(task);
    }

    /** Work on the unit's connection as its last step, before the commit. */
    @FunctionalInterface
    public interface LastStep {
        void run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code last} on the unit's connection (one from {@code source} if the unit never took one), commits and
     * returns the connection to the pool. When anything fails, everything rolls back and the failure is thrown.
     */
    public void commit(DataSource source, LastStep last) throws SQLException {
        if (connection == null) {
            if (last == null) {
                return;
            }
            connection = outsideUnit(source).getConnection();
            try {
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                release();
                throw e;
            }
        }
        try {
            if (last != null) {
                last.run(connection);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
        release();
    }

    /** Rolls back everything the unit did and returns its connection to the pool. */
    public void rollback() {
        rollback(null);
    }

    private void rollback(Throwable cause) {
        deferred.clear();
        afterCommit.clear();
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                } else {
                    LOG.warn("Rolling back a request's transaction failed: {}", e.toString());
                }
            }
            release();
        }
    }

    private void release() {
        Connection c = connection;
        connection = null;
        if (c == null) {
            return;
        }
        try {
            c.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection: the pool checks it
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.warn("Returning a connection to the pool failed: {}", e.toString());
        }
    }

    /** Runs the work queued with {@link #afterCommit} (call after {@link #commit}); a failing task is logged. */
    public void runAfterCommit() {
        List<Runnable> tasks = List.copyOf(afterCommit);
        afterCommit.clear();
        for (Runnable task : tasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Work after a request's commit failed", e);
            }
        }
    }
}
