package nl.mantelkring.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.List;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.data.DataAccessException;

/** Database failures a client can meet: a statement timeout (503) and a concurrent create (409), never a 500. */
class ProblemMapperDatabaseTest {

    private final ProblemMapper mapper = new ProblemMapper(new RouteTable(List.of()));

    @Test
    void aStatementTimeoutIs503WithRetryAfter() {
        for (String state : new String[] {"57014", "HYT00", "55P03"}) {
            Response r = mapper.toResponse(new DataAccessException(new SQLException("cut off", state)));
            assertEquals(503, r.getStatus(), state);
            assertEquals("30", r.getHeaderString("Retry-After"));
            assertTrue(r.getMediaType().toString().startsWith("application/problem+json"));
        }
        assertTrue(ProblemMapper.timedOut(new SQLTimeoutException("slow")));
        assertFalse(ProblemMapper.timedOut(new SQLException("syntax", "42601")));
    }

    @Test
    void aUniqueViolationNoModuleHandledIs409() {
        Response r = mapper.toResponse(new DataAccessException(new SQLException("duplicate key", "23505")));
        assertEquals(409, r.getStatus());
        assertTrue(r.getMediaType().toString().startsWith("application/problem+json"));
    }

    @Test
    void theLogGetsOneLine() {
        assertEquals("ERROR: canceling statement due to user request (SQLSTATE 57014)", ProblemMapper.oneLine(
                new DataAccessException(new SQLException("ERROR: canceling statement due to user request\n"
                        + "  Where: SQL statement \"update ...\"", "57014"))));
    }
}
