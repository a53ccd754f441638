package nl.mantelkring.platform.internal.rest;

import java.sql.SQLException;

import nl.mantelkring.platform.api.data.DataAccessException;

/**
 * Makes the values of an audit entry that a client chose (path and query values) or that grow with the installation
 * (user names, role lists) fit their columns in {@code audit_entry} ({@code db/platform/V1__platform.sql}), so that
 * no request can make the audit write fail: control characters (PostgreSQL cannot store NUL) and broken surrogate
 * pairs become U+FFFD, and a value longer than its column is cut at a character boundary.
 */
final class AuditFields {

    /** Column widths of {@code audit_entry}, in characters. */
    static final int ACTOR = 200;
    static final int ACTOR_ROLES = 500;
    static final int RECORD_ID = 100;
    static final int SUBJECT_ID = 100;
    static final int PURPOSE = 300;
    static final int OUTCOME = 50;

    /** A stated purpose is cut to this length before it is appended to the operation's own purpose. */
    static final int STATED_PURPOSE = 100;

    private static final char REPLACEMENT = '\uFFFD';

    /** The value with every control character and lone surrogate replaced, cut to at most {@code max} chars. */
    static String fit(String value, int max) {
        if (value == null) {
            return null;
        }
        int length = Math.min(value.length(), max);
        if (length < value.length() && length > 0 && Character.isHighSurrogate(value.charAt(length - 1))
                && Character.isLowSurrogate(value.charAt(length))) {
            length--; // never cut a pair in two
        }
        StringBuilder out = null;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean bad = Character.isISOControl(c) || Character.isSurrogate(c);
            if (bad && out == null) {
                out = new StringBuilder(length).append(value, 0, i);
            }
            if (out != null) {
                out.append(bad ? REPLACEMENT : c);
            }
        }
        return out != null ? out.toString() : length == value.length() ? value : value.substring(0, length);
    }

    /**
     * One line about a failed write, without the exception's message (a driver's message quotes the SQL and its
     * values: user names, ids): the exception type and the SQLSTATE.
     */
    static String describe(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return e.getClass().getSimpleName() + " (SQLSTATE " + sql.getSQLState() + ")";
            }
        }
        return e.getClass().getName();
    }

    /** Whether the write failed because the database cannot be reached (not a fault of this node's code). */
    static boolean unavailable(Exception e) {
        return e instanceof DataAccessException dae && dae.isUnavailable();
    }

    private AuditFields() {
    }
}
