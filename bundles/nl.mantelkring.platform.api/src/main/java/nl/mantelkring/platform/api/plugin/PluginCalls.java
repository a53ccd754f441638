package nl.mantelkring.platform.api.plugin;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls plugins with a time limit on a small pool of threads of its own, so that a plugin that throws or hangs
 * cannot break or block the caller: the caller gets an answer or a {@link PluginCallException} within the limit.
 * A hung call is interrupted; a plugin that ignores the interrupt keeps one of the pool's threads, and once all
 * are kept, further calls wait at most their limit and then fail ({@link PluginCallException.Reason#BUSY} when
 * even the queue is full), rather than piling up threads.
 *
 * <p>One instance per calling component: create it on activation, {@link #close()} it on deactivation. The time
 * limit counts from the moment of the call, including any wait for a free thread. Thread-safe.
 *
 * <pre>{@code
 * private final PluginCalls calls = new PluginCalls("mantelkring-adrescontrole", 4, 16);
 * AddressVerdict v = calls.call(verifierId, Duration.ofSeconds(2), () -> verifier.verify(tenant, address));
 * }</pre>
 *
 * @since 1.1
 */
public final class PluginCalls implements AutoCloseable {

    private final ThreadPoolExecutor pool;

    /**
     * @param threadName name of the pool's threads (shown in thread dumps), e.g. {@code mantelkring-regels}
     * @param threads    at most this many plugin calls run at the same moment
     * @param queue      at most this many calls wait for a thread; more are refused at once
     */
    public PluginCalls(String threadName, int threads, int queue) {
        Objects.requireNonNull(threadName, "threadName");
        if (threads < 1 || queue < 0) {
            throw new IllegalArgumentException("threads >= 1 and queue >= 0");
        }
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code work} (a call into a plugin) and waits at most {@code limit} for its answer.
     *
     * @param pluginId the plugin's id, for the message
     * @return the plugin's answer; never null (a null answer is a {@link PluginCallException.Reason#FAILED})
     * @throws PluginCallException when the plugin threw, did not answer in time, or could not be started
     */
    public <T> T call(String pluginId, Duration limit, Callable<T> work) throws PluginCallException {
        Future<T> f;
        try {
            f = pool.submit(work);
        } catch (RejectedExecutionException e) {
            throw PluginCallException.of(PluginCallException.Reason.BUSY, pluginId, limit, null);
        }
        try {
            T answer = f.get(Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
            if (answer == null) {
                throw PluginCallException.of(PluginCallException.Reason.FAILED, pluginId, limit, null);
            }
            return answer;
        } catch (TimeoutException e) {
            f.cancel(true);
            pool.remove((Runnable) f);   // a call still waiting for a thread leaves the queue
            throw PluginCallException.of(PluginCallException.Reason.TIMEOUT, pluginId, limit, null);
        } catch (ExecutionException e) {
            throw PluginCallException.of(PluginCallException.Reason.FAILED, pluginId, limit, e.getCause());
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw PluginCallException.of(PluginCallException.Reason.INTERRUPTED, pluginId, limit, null);
        }
    }

    /** Stops the pool; running calls are interrupted. */
    @Override
    public void close() {
        pool.shutdownNow();
    }
}
