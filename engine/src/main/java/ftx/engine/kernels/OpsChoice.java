package ftx.engine.kernels;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Which {@link Ops} the engine runs, chosen once at start: {@link CpuOps} when ND4J's backend
 * declares itself a CPU backend ({@code Environment.isCPU()}), {@link PlainOps} on any other (the
 * CUDA backend) or with {@code -Dftx.fastKernels=false}. {@link #use} switches in one process, for
 * the tests and {@code ftx bench}'s before/after rows.
 */
public final class OpsChoice {
    private static final boolean CPU_BACKEND = Nd4j.getEnvironment().isCPU();
    private static final boolean FLAG_OFF = "false".equals(System.getProperty("ftx.fastKernels"));
    private static volatile Ops ops = CPU_BACKEND && !FLAG_OFF ? CpuOps.INSTANCE : PlainOps.INSTANCE;

    private OpsChoice() {
    }

    static Ops ops() {
        return ops;
    }

    /** True when ND4J runs on the CPU (the kernels can read its memory). */
    public static boolean cpuBackend() {
        return CPU_BACKEND;
    }

    /** Why the plain operations run, for reports; null when the CPU kernels do. */
    public static String plainReason() {
        if (ops == CpuOps.INSTANCE) {
            return null;
        }
        if (!CPU_BACKEND) {
            return "the " + Nd4j.getBackend().getClass().getSimpleName() + " backend runs ND4J ops only";
        }
        return FLAG_OFF ? "turned off (-Dftx.fastKernels=false)" : "plain ND4J chosen";
    }

    /**
     * Runs the CPU kernels (true, on the CPU backend only) or the plain operations from now on;
     * returns the operations in use before, to restore.
     */
    public static Ops use(boolean cpuKernels) {
        Ops before = ops;
        ops = cpuKernels && CPU_BACKEND ? CpuOps.INSTANCE : PlainOps.INSTANCE;
        return before;
    }

    /** Restores what {@link #use} returned. */
    public static void restore(Ops before) {
        ops = before;
    }
}
