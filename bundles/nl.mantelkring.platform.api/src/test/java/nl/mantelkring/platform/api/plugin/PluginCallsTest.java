package nl.mantelkring.platform.api.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import nl.mantelkring.platform.api.ProblemException;

class PluginCallsTest {

    private final PluginCalls calls = new PluginCalls("test-plugin", 1, 1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        calls.close();
    }

    @Test
    void answersPassThrough() throws Exception {
        assertEquals("ja", calls.call("p", Duration.ofSeconds(2), () -> "ja"));
    }

    @Test
    void aThrowingPluginBecomesAFailureWithItsCauseButADutchMessage() {
        PluginCallException e = assertThrows(PluginCallException.class,
                () -> calls.call("p", Duration.ofSeconds(2), () -> {
                    throw new IllegalStateException("secret internals");
                }));
        assertEquals(PluginCallException.Reason.FAILED, e.reason());
        assertEquals("Plugin 'p' gaf een fout.", e.getMessage());
        assertTrue(e.getCause() instanceof IllegalStateException);
        ProblemException p = e.toProblem("Adrescontrole mislukt");
        assertEquals(503, p.status());
        assertTrue(p.type().endsWith("plugin-fout"));
    }

    @Test
    void aNullAnswerIsAFailure() {
        PluginCallException e = assertThrows(PluginCallException.class,
                () -> calls.call("p", Duration.ofSeconds(2), () -> null));
        assertEquals(PluginCallException.Reason.FAILED, e.reason());
    }

    @Test
    void aHangingPluginIsCutOffAtTheLimitAndInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        long start = System.nanoTime();
        PluginCallException e = assertThrows(PluginCallException.class,
                () -> calls.call("traag", Duration.ofMillis(200), () -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException ie) {
                        interrupted.countDown();
                    }
                    return "te laat";
                }));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(PluginCallException.Reason.TIMEOUT, e.reason());
        assertEquals("Plugin 'traag' gaf geen antwoord binnen 0,2 seconden.", e.getMessage());
        assertTrue(ms < 5_000, "returned after " + ms + " ms");
        assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the hung call was interrupted");
    }

    @Test
    void pluginsThatIgnoreInterruptsCannotPileUpThreads() throws Exception {
        Runnable stubborn = () -> {
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException ignored) {
                    // a badly written plugin: swallows the interrupt and keeps waiting
                }
            }
        };
        // the only thread is kept by the first call; the second waits in the queue and times out
        assertThrows(PluginCallException.class, () -> calls.call("a", Duration.ofMillis(100), () -> {
            stubborn.run();
            return "x";
        }));
        // a call queued behind it times out too, and leaves the queue
        assertEquals(PluginCallException.Reason.TIMEOUT, assertThrows(PluginCallException.class,
                () -> calls.call("b", Duration.ofMillis(100), () -> "y")).reason());
        // one waiting call fills the queue (of one) ...
        Thread waiting = new Thread(() -> {
            try {
                calls.call("d", Duration.ofSeconds(10), () -> "w");
            } catch (PluginCallException ignored) {
                // released at the end of the test
            }
        });
        waiting.start();
        Thread.sleep(500);   // let it reach the queue
        PluginCallException e = assertThrows(PluginCallException.class,
                () -> calls.call("c", Duration.ofSeconds(5), () -> "z"));
        // ... so the next is refused at once instead of adding a thread
        assertEquals(PluginCallException.Reason.BUSY, e.reason());
        release.countDown();
        waiting.join(5_000);
    }
}
