package nl.mantelkring.platform.internal.db;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * A connection as the platform hands it out: every statement it creates has the node's statement timeout; and,
 * while a {@link UnitOfWork} is bound, it is a handle of the unit's one connection, on which a module's transaction
 * is a savepoint (so its rollback undoes its part only), {@code commit()} ends that savepoint, and {@code close()}
 * leaves the connection to the unit. On PostgreSQL a statement run in the handle's autocommit mode gets a
 * savepoint of its own, as it would be a transaction of its own: a failed statement (a unique key a module catches)
 * would otherwise abort the whole request's transaction.
 */
final class UnitConnection implements InvocationHandler {

    private final UnitOfWork unit;
    private final Connection physical;
    private final boolean savepointPerStatement;
    private final int timeoutSeconds;
    private boolean autoCommit = true;
    private boolean closed;
    private Savepoint savepoint;
    private int deferredMark;

    private UnitConnection(UnitOfWork unit, Connection physical, boolean postgresql, int timeoutSeconds) {
        this.unit = unit;
        this.physical = physical;
        this.savepointPerStatement = postgresql;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** A handle of the unit's connection. */
    static Connection of(UnitOfWork unit, Connection physical, boolean postgresql, int timeoutSeconds) {
        return proxy(new UnitConnection(unit, physical, postgresql, timeoutSeconds));
    }

    /** A pool connection outside any unit: only the statement timeout is added. */
    static Connection plain(Connection physical, int timeoutSeconds) {
        return timeoutSeconds <= 0 ? physical : proxy(new UnitConnection(null, physical, false, timeoutSeconds));
    }

    private static Connection proxy(UnitConnection handler) {
        return (Connection) Proxy.newProxyInstance(UnitConnection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    /** The unit whose handle {@code c} is, or null. */
    static UnitOfWork unitOf(Connection c) {
        return c != null && Proxy.isProxyClass(c.getClass())
                && Proxy.getInvocationHandler(c) instanceof UnitConnection h ? h.unit : null;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (unit != null) {
            switch (name) {
                case "close":
                    if (!closed && !autoCommit) {
                        // a transaction left open is rolled back, as the pool does on close
                        rollbackToSavepoint();
                        autoCommit = true;
                    }
                    closed = true;
                    return null;
                case "isClosed":
                    return closed || physical.isClosed();
                case "getAutoCommit":
                    checkOpen();
                    return autoCommit;
                case "setAutoCommit":
                    checkOpen();
                    setAutoCommit((Boolean) args[0]);
                    return null;
                case "commit":
                    checkInTransaction();
                    physical.releaseSavepoint(savepoint);
                    begin();
                    return null;
                case "rollback":
                    if (args == null || args.length == 0) {
                        checkInTransaction();
                        rollbackToSavepoint();
                        begin();
                        return null;
                    }
                    break;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "UnitConnection[" + physical + "]";
                default:
                    break;
            }
        }
        Object result = call(physical, method, args);
        if (result instanceof Statement s && (name.startsWith("prepare") || name.equals("createStatement"))) {
            s.setQueryTimeout(timeoutSeconds);
            if (unit != null && savepointPerStatement && autoCommit) {
                return savepointed(s, method.getReturnType());
            }
        }
        return result;
    }

    private void setAutoCommit(boolean on) throws SQLException {
        if (on == autoCommit) {
            return;
        }
        if (on) {
            // JDBC: switching autocommit on commits the open transaction
            physical.releaseSavepoint(savepoint);
            savepoint = null;
            autoCommit = true;
        } else {
            autoCommit = false;
            begin();
        }
    }

    private void begin() throws SQLException {
        savepoint = physical.setSavepoint();
        deferredMark = unit.deferredCount();
    }

    private void rollbackToSavepoint() throws SQLException {
        unit.dropDeferredAfter(deferredMark);
        physical.rollback(savepoint);
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("connection closed", "08003");
        }
    }

    private void checkInTransaction() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw new SQLException("commit or rollback in autocommit mode", "25000");
        }
    }

    /** The statement with a savepoint around each execution: a failure undoes that statement only. */
    private Object savepointed(Statement statement, Class<?> type) {
        Class<?> iface = CallableStatement.class.isAssignableFrom(type) ? CallableStatement.class
                : PreparedStatement.class.isAssignableFrom(type) ? PreparedStatement.class : Statement.class;
        InvocationHandler h = (p, m, a) -> {
            if (!m.getName().startsWith("execute")) {
                return call(statement, m, a);
            }
            Savepoint s = physical.setSavepoint();
            Object r;
            try {
                r = call(statement, m, a);
            } catch (SQLException | RuntimeException e) {
                try {
                    physical.rollback(s);
                } catch (SQLException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
            physical.releaseSavepoint(s);
            return r;
        };
        return Proxy.newProxyInstance(UnitConnection.class.getClassLoader(), new Class<?>[] {iface}, h);
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
