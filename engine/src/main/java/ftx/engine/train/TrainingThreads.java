package ftx.engine.train;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How many threads a training step uses: the training thread, and on a machine with two cores
 * or more one daemon worker that takes half of each step's work (the second batch shard, half of
 * the optimizer's elements). {@code -Dftx.trainThreads=1}, {@code ftx train --threads 1} or the
 * app's setting keep everything on the training thread (a core stays free); the numbers are the
 * same either way, since the split of the work is fixed.
 */
public final class TrainingThreads {
    private static volatile int threads = Integer.getInteger("ftx.trainThreads",
            Math.min(2, Runtime.getRuntime().availableProcessors()));
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ftx-train-worker");
        t.setDaemon(true);
        return t;
    });

    private TrainingThreads() {
    }

    /** Threads that share a step's work (1 or 2). */
    public static int count() {
        return threads;
    }

    /** Sets the threads of the steps that start from now on, for the whole process. */
    public static void set(int n) {
        if (n < 1 || n > 2) {
            throw new IllegalArgumentException("training threads must be 1 or 2, got " + n);
        }
        threads = n;
    }

    /** Runs first on this thread and second on the worker (or after first, on one thread); returns both results. */
    static <A, B> Pair<A, B> both(Callable<A> first, Callable<B> second) {
        Future<B> pending = threads > 1 ? WORKER.submit(second) : null;
        A a;
        try {
            a = first.call();
        } catch (Exception | Error e) {
            if (pending != null) { // the worker may write into what the caller owns: let it finish first
                try {
                    await(pending);
                } catch (RuntimeException | Error ignored) {
                    e.addSuppressed(ignored);
                }
            }
            throw rethrow(e);
        }
        B b;
        try {
            b = pending != null ? await(pending) : second.call();
        } catch (Exception e) {
            throw rethrow(e);
        }
        return new Pair<>(a, b);
    }

    record Pair<A, B>(A first, B second) {
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the training worker ran", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
