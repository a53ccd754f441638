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

    @Test
    void aBrokenEscapeInTheQueryIsTheClientsMistake() {
        assertTrue(ProblemMapper.badEncoding(new IllegalArgumentException(
                "Invalid URL encoding: Incomplete trailing escape (%) pattern")));
        assertFalse(ProblemMapper.badEncoding(new IllegalArgumentException("something else")));
    }
}
