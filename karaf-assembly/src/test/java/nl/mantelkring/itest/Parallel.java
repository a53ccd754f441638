package nl.mantelkring.itest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/** Identical requests sent at the same moment: every thread waits at a barrier, then all send together. */
final class Parallel {

    private Parallel() {
    }

    /** Runs {@code call} on {@code n} threads released together; returns every answer. */
    static List<Api.Res> run(int n, Supplier<Api.Res> call) {
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Api.Res>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            List<Api.Res> out = new ArrayList<>();
            for (Future<Api.Res> f : answers) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Asserts that no answer is a server error and every one is one of the {@code allowed} statuses. */
    static void assertNoServerError(List<Api.Res> answers, int... allowed) {
        for (Api.Res r : answers) {
            boolean ok = false;
            for (int s : allowed) {
                ok |= r.status() == s;
            }
            if (!ok) {
                throw new AssertionError("unexpected answer among " + answers.size() + " identical requests: " + r);
            }
            if (r.status() >= 400 && !r.contentType().startsWith("application/problem+json")) {
                throw new AssertionError("a refusal that is not problem+json: " + r);
            }
        }
    }
}
