package nl.mantelkring.platform.api.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

class DataAccessExceptionTest {

    @Test
    void unreachableOrRestartingDatabasesAreUnavailableWrongSqlIsNot() {
        assertTrue(new DataAccessException(new SQLException("refused", "08001")).isUnavailable());
        assertTrue(new DataAccessException(new SQLException("I/O error", "08006")).isUnavailable());
        assertTrue(new DataAccessException(new SQLException("terminating connection due to administrator command",
                "57P01")).isUnavailable());
        assertTrue(new DataAccessException(new SQLException("the database system is starting up", "57P03"))
                .isUnavailable());
        assertTrue(new DataAccessException(new SQLTransientConnectionException("pool timeout")).isUnavailable());
        assertTrue(new DataAccessException(new SQLException("wrapped", null, new SQLException("x", "08003")))
                .isUnavailable());
        assertFalse(new DataAccessException(new SQLException("syntax error", "42601")).isUnavailable());
        assertFalse(new DataAccessException(new SQLException("duplicate key", "23505")).isUnavailable());
        assertFalse(new DataAccessException(new SQLException("no state")).isUnavailable());
    }

    @Test
    void aConnectionThatBreaksDuringATransactionReportsTheFailureNotTheCleanup() {
        // the server terminates the session at commit; the pool then closes the connection, so rollback and
        // restoring autocommit fail too ("Connection is closed", no SQLSTATE)
        SQLException terminated = new SQLException("terminating connection due to administrator command", "57P01");
        Connection broken = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getAutoCommit" -> true;
                    case "setAutoCommit" -> {
                        if (Boolean.TRUE.equals(args[0])) {
                            throw new SQLException("Connection is closed");
                        }
                        yield null;
                    }
                    case "commit" -> throw terminated;
                    case "rollback" -> throw new SQLException("Connection is closed");
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        DataSource ds = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return broken;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        DataAccessException e = assertThrows(DataAccessException.class,
                () -> new Jdbc(ds).inTransaction(c -> "done"));
        assertEquals(terminated, e.getCause());
        assertTrue(e.isUnavailable());
        assertEquals(1, terminated.getSuppressed().length);
    }
}
