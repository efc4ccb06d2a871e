package ftx.engine.train;

import ftx.engine.kernels.OpsChoice;
import ftx.engine.util.HelperThread;
import java.util.concurrent.Callable;

/**
 * How many threads a training step uses: the training thread, and on a machine with two cores
 * or more a helper that takes half of each step's work (the second batch shard, half of the
 * optimizer's elements). {@code -Dftx.trainThreads=1}, {@code ftx train --threads 1} or the
 * app's setting keep everything on the training thread (a core stays free); the numbers are the
 * same either way, since the split of the work is fixed.
 */
public final class TrainingThreads {
    private static volatile int threads = initial();
    private static final HelperThread HELPER = new HelperThread("ftx-train-worker");

    private TrainingThreads() {
    }

    /** Threads that share a step's work (1 or 2), as set. */
    public static int count() {
        return threads;
    }

    /** Threads a training step really uses: 1 on the CUDA backend, which keeps the batch whole. */
    public static int inUse() {
        return OpsChoice.cpuBackend() ? threads : 1;
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
                : "-Dftx.trainThreads must be 1 or 2, not \"" + v + "\"; using " + threads;
    }

    /** Sets the threads of the steps that start from now on, for the whole process. */
    public static void set(int n) {
        if (n < 1 || n > 2) {
            throw new IllegalArgumentException("training threads must be 1 or 2, got " + n);
        }
        threads = n;
    }

    /** True when a step's two halves run at the same time (two threads set, on the CPU backend). */
    static boolean parallel() {
        return inUse() > 1;
    }

    /** Runs first on this thread and second on the helper, whatever is set (the work itself takes turns with one thread). */
    static <A, B> HelperThread.Pair<A, B> onTwoThreads(Callable<A> first, Callable<B> second) {
        return HELPER.both(first, second, true);
    }

    /** Runs first on this thread and second on the helper (or after first, with one thread or on a GPU). */
    static <A, B> HelperThread.Pair<A, B> both(Callable<A> first, Callable<B> second) {
        return HELPER.both(first, second, inUse() > 1);
    }
}
