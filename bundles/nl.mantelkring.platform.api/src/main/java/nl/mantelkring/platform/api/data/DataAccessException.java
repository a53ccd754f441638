package nl.mantelkring.platform.api.data;

import java.sql.SQLException;

/** A database error. Mapped to 503 when the database cannot be reached, else to 500 without details. */
public class DataAccessException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    /** Whether the database was unreachable (SQLSTATE class 08, or a pool timeout) rather than the SQL wrong. */
    public boolean isUnavailable() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && state.startsWith("08")) {
                    return true;
                }
                if (sql.getClass().getName().equals("java.sql.SQLTransientConnectionException")) {
                    return true;
                }
            }
        }
        return false;
    }
}
