package nl.mantelkring.platform.internal.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.internal.rest.PreMatchFilter.LimitedInputStream;

class LimitedInputStreamTest {

    private static InputStream limited(int size, long limit) {
        byte[] data = new byte[size];
        Arrays.fill(data, (byte) 'x');
        return new LimitedInputStream(new ByteArrayInputStream(data), limit);
    }

    @Test
    void bodyUpToTheLimitIsReadWhole() throws IOException {
        try (InputStream in = limited(10, 10)) {
            assertEquals(10, in.readAllBytes().length);
            assertEquals(-1, in.read());
        }
    }

    @Test
    void smallBodyIsPassedThroughUnchanged() throws IOException {
        byte[] data = "{\"naam\":\"test\"}".getBytes();
        try (InputStream in = new LimitedInputStream(new ByteArrayInputStream(data), 1000)) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void readAllBeyondTheLimitThrows() {
        InputStream in = limited(11, 10);
        BodyTooLargeException e = assertThrows(BodyTooLargeException.class, in::readAllBytes);
        assertEquals("request body too large", e.getMessage());
    }

    @Test
    void singleByteReadsThrowOnTheFirstByteOverTheLimit() throws IOException {
        InputStream in = limited(5, 3);
        assertEquals('x', in.read());
        assertEquals('x', in.read());
        assertEquals('x', in.read());
        assertThrows(BodyTooLargeException.class, in::read);
    }

    @Test
    void bufferedReadsCountAcrossCalls() throws IOException {
        InputStream in = limited(100, 50);
        byte[] buf = new byte[20];
        assertEquals(20, in.read(buf));
        assertEquals(20, in.read(buf, 0, 20));
        assertThrows(BodyTooLargeException.class, () -> in.read(buf));
    }

    @Test
    void mixedReadsCountTogether() throws IOException {
        InputStream in = limited(10, 4);
        assertEquals(3, in.read(new byte[3]));
        assertEquals('x', in.read());
        assertThrows(BodyTooLargeException.class, in::read);
    }

    @Test
    void endOfStreamDoesNotCount() throws IOException {
        InputStream in = limited(2, 2);
        assertEquals(2, in.read(new byte[10]));
        assertEquals(-1, in.read(new byte[10]));
        assertEquals(-1, in.read());
        assertEquals(-1, in.read());
    }

    @Test
    void zeroLimitRefusesAnyByte() {
        assertThrows(BodyTooLargeException.class, () -> limited(1, 0).read());
    }

    @Test
    void bodyTooLargeIsAnIOException() {
        assertEquals(IOException.class, BodyTooLargeException.class.getSuperclass());
    }
}
