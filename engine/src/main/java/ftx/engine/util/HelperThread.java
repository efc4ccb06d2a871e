package ftx.engine.util;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One named daemon thread that takes the second half of a piece of work while the caller does
 * the first ({@link #both}), to use the second core of a 2-core machine for training steps
 * ({@code TrainingThreads}). Generation does not use one: per position, the hand-over costs more
 * than the half it saves (docs/PERFORMANCE.md). The thread starts on first use and ends after
 * {@link #IDLE_SECONDS} without work, releasing its memory scopes, so a helper per run costs
 * nothing once the run is over.
 */
public final class HelperThread {
    static final long IDLE_SECONDS = 30;
    private final ThreadPoolExecutor executor;

    public HelperThread(String name) {
        executor = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(() -> {
                try {
                    r.run();
                } finally {
                    Workspaces.releaseThread();
                }
            }, name);
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
    }

    /** True on a machine with two cores or more, where handing half of the work over pays. */
    public static boolean secondCore() {
        return Runtime.getRuntime().availableProcessors() >= 2;
    }

    /**
     * Runs first on this thread and, when parallel, second on the helper at the same time (else
     * after first, on this thread); returns both results. If first fails, second is still awaited
     * before the failure propagates, since both may write into arrays the caller owns.
     */
    public <A, B> Pair<A, B> both(Callable<A> first, Callable<B> second, boolean parallel) {
        Future<B> pending = parallel ? executor.submit(second) : null;
        A a;
        try {
            a = first.call();
        } catch (Exception | Error e) {
            if (pending != null) {
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

    /** The two results of {@link #both}. */
    public record Pair<A, B>(A first, B second) {
    }

    /** The helper's result; an interrupt is kept for later, never allowed to leave the helper writing on its own. */
    private static <T> T await(Future<T> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true; // wait on: the helper writes into arrays the caller owns
                } catch (ExecutionException e) {
                    throw rethrow(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
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
