package nl.mantelkring.platform.api.data;

import java.sql.SQLException;

/** A database error. Mapped to 503 when the database cannot be reached, else to 500 without details. */
public class DataAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * Whether the database was unreachable rather than the SQL wrong: SQLSTATE class 08 (connection exception),
     * 57P01/57P02/57P03 (the server shuts down, crashed or is starting: a restart), or a pool timeout.
     */
    public boolean isUnavailable() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                    return true;
                }
                if (sql instanceof java.sql.SQLTransientConnectionException) {
                    return true;
                }
            }
        }
        return false;
    }
}
