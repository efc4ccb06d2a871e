package ftx.engine.train;

import ftx.engine.kernels.OpsChoice;
import ftx.engine.util.HelperThread;
import java.util.concurrent.Callable;

/**
 * How many threads one run's training steps use: the run's training thread, and with two a
 * helper of the run's own that takes half of each step's work (the second batch shard, half of
 * the optimizer's elements). Each {@link Trainer} holds one, so runs side by side in one process
 * (a sweep's rows) each keep their own; the numbers are the same either way, since the split of
 * the work is fixed.
 *
 * <p>The static part is the process's default for new runs: two on a machine with two cores or
 * more, else one; {@code -Dftx.trainThreads=1}, {@code ftx train --threads 1} or the app's
 * setting change it (a core stays free).
 */
public final class TrainingThreads {
    private static volatile int defaultCount = initial();
    private final int count;
    private final HelperThread helper;

    /** A run's threads: 1 or 2. */
    public TrainingThreads(int count) {
        this.count = checked(count);
        this.helper = new HelperThread("ftx-train-worker");
    }

    /** The threads of a new run, as the process's default says. */
    public static TrainingThreads forNewRun() {
        return new TrainingThreads(defaultCount);
    }

    /** The default for new runs (1 or 2), as set. */
    public static int count() {
        return defaultCount;
    }

    /** Threads a new run's steps really use: 1 on the CUDA backend, which keeps the batch whole. */
    public static int inUse() {
        return OpsChoice.cpuBackend() ? defaultCount : 1;
    }

    private static int initial() {
        int fallback = HelperThread.secondCore() ? 2 : 1;
        String v = System.getProperty("ftx.trainThreads");
        if (v == null) {
            return fallback;
        }
        if (v.equals("1") || v.equals("2")) {
            return Integer.parseInt(v);
        }
        return fallback; // propertyProblem() says why, for the command line to show
    }

    /** A sentence when -Dftx.trainThreads holds something other than 1 or 2 (then ignored), else null. */
    public static String propertyProblem() {
        String v = System.getProperty("ftx.trainThreads");
        return v == null || v.equals("1") || v.equals("2") ? null
                : "-Dftx.trainThreads must be 1 or 2, not \"" + v + "\"; using " + defaultCount;
    }

    /** Sets the default threads of the runs that start from now on. */
    public static void set(int n) {
        defaultCount = checked(n);
    }

    private static int checked(int n) {
        if (n < 1 || n > 2) {
            throw new IllegalArgumentException("training threads must be 1 or 2, got " + n);
        }
        return n;
    }

    /** This run's threads as set (1 or 2). */
    public int threads() {
        return count;
    }

    /** This run's threads in use: 1 on the CUDA backend. */
    public int threadsInUse() {
        return OpsChoice.cpuBackend() ? count : 1;
    }

    /** True when a step's two halves run at the same time (two threads set, on the CPU backend). */
    boolean parallel() {
        return threadsInUse() > 1;
    }

    /** Runs first on this thread and second on the helper, whatever is set (the work itself takes turns with one thread). */
    <A, B> HelperThread.Pair<A, B> onTwoThreads(Callable<A> first, Callable<B> second) {
        return helper.both(first, second, true);
    }

    /** Runs first on this thread and second on the helper (or after first, with one thread or on a GPU). */
    <A, B> HelperThread.Pair<A, B> both(Callable<A> first, Callable<B> second) {
        return helper.both(first, second, parallel());
    }
}
