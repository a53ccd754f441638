package nl.mantelkring.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class ProblemMapperClientGoneTest {

    @Test
    void aClosedConnectionIsNotAServerError() {
        assertTrue(ProblemMapper.clientGone(new RuntimeException(new IOException("Broken pipe"))));
        assertTrue(ProblemMapper.clientGone(new IOException("Connection reset by peer")));
        assertFalse(ProblemMapper.clientGone(new IOException("disk full")));
        assertFalse(ProblemMapper.clientGone(new IllegalStateException("bug")));
    }

    /**
     * A client that left gets no body: CXF would try to write it to the closed connection, fail again and log an
     * ERROR with a stack trace (seen in OidcIT when the browser navigated to the identity provider while a fetch of
     * the sign-in page was still being answered).
     */
    @Test
    void aClientThatLeftGetsNothingWrittenAfterIt() {
        ProblemMapper mapper = new ProblemMapper(new RouteTable(java.util.List.of()));
        javax.ws.rs.core.Response r = mapper.toResponse(new RuntimeException(new IOException("Broken pipe")));
        assertTrue(r.getStatus() == ProblemMapper.CLIENT_CLOSED, "status " + r.getStatus());
        assertFalse(r.hasEntity(), "no body for a closed connection");
    }

    @Test
    void aBrokenEscapeInTheQueryIsTheClientsMistake() {
        assertTrue(ProblemMapper.badEncoding(new IllegalArgumentException(
                "Invalid URL encoding: Incomplete trailing escape (%) pattern")));
        assertFalse(ProblemMapper.badEncoding(new IllegalArgumentException("something else")));
    }
}
