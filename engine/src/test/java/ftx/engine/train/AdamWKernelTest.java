package ftx.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ftx.engine.kernels.Ops;
import ftx.engine.kernels.OpsChoice;
import ftx.engine.kernels.Simd;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Initializer;
import ftx.engine.model.Parameters;
import ftx.engine.util.Rng;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The host AdamW update (float, half the elements per thread, clipping folded in) against the
 * plain ND4J one (the oracle), over several steps, on one thread and on two.
 */
class AdamWKernelTest {
    @AfterEach
    void restoreThreads() {
        TrainingThreads.set(Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    @ParameterizedTest
    @CsvSource({"1, 1.0", "2, 1.0", "2, 0.37"})
    void hostUpdateMatchesThePlainUpdate(int threads, double gradScale) {
        TrainingThreads.set(threads);
        Runs r = sideBySide(gradScale, OpsChoice::use); // first plain ND4J, then the host kernels
        double tol = 1e-5;
        for (String name : r.firstP().names()) {
            close(name, r.firstP().get(name), r.secondP().get(name), tol);
            close("m." + name, r.first().firstMoment().get(name), r.second().firstMoment().get(name), tol);
            close("v." + name, r.first().secondMoment().get(name), r.second().secondMoment().get(name), tol);
        }
    }

    @Test
    void theVectorUpdateEqualsTheHostLoopBitForBit() {
        Runs r = sideBySide(0.5, on -> {
            OpsChoice.use(true);
            Simd.setEnabled(on);
        }); // first the host loop, then the SIMD kernel
        for (String name : r.firstP().names()) {
            assertArrayEquals(floats(r.firstP().get(name)), floats(r.secondP().get(name)), name);
            assertArrayEquals(floats(r.first().firstMoment().get(name)), floats(r.second().firstMoment().get(name)),
                    "m." + name);
            assertArrayEquals(floats(r.first().secondMoment().get(name)), floats(r.second().secondMoment().get(name)),
                    "v." + name);
        }
    }

    private record Runs(Parameters firstP, Parameters secondP, AdamW first, AdamW second) {
    }

    /**
     * Two AdamW runs from the same weights over the same three gradients (tensors of 8 to 96
     * floats); fast(false) before each update of the first, fast(true) before the second's and after.
     */
    private static Runs sideBySide(double gradScale, java.util.function.Consumer<Boolean> fast) {
        assumeTrue(OpsChoice.cpuBackend(), "the host AdamW runs on the CPU backend only; skipped on " + Nd4j.getBackend());
        Ops before = Ops.current();
        DataType t = DataType.FLOAT;
        FreeTransformerConfig c = new FreeTransformerConfig(7, 8, 2, 2, 12, 3, 10000.0, 1e-5);
        TrainingConfig cfg = new TrainingConfig(10, 4, 1e-2, 0, 0.1, 0.1, 0.9, 0.95, 1e-8, 1.0, 0.1, 1, 0);
        Parameters firstP = Initializer.init(c, new Rng(3), t);
        Parameters secondP = firstP.copy(t);
        Runs r = new Runs(firstP, secondP, AdamW.fresh(c, firstP), AdamW.fresh(c, secondP));
        Rng rng = new Rng(5);
        try {
            for (int step = 0; step < 3; step++) {
                Parameters g = Initializer.init(c, rng, t); // any gradient-shaped values
                fast.accept(false);
                r.first().step(r.firstP(), g, 1e-2, cfg, gradScale);
                fast.accept(true);
                r.second().step(r.secondP(), g, 1e-2, cfg, gradScale);
            }
        } finally {
            Simd.setEnabled(true);
            OpsChoice.restore(before);
        }
        return r;
    }

    private static float[] floats(INDArray a) {
        return a.dup('c').data().asFloat();
    }

    private static void close(String what, INDArray e, INDArray a, double tol) {
        double[] x = e.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double[] y = a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < x.length; i++) {
            assertTrue(Math.abs(x[i] - y[i]) <= tol * (Math.abs(x[i]) + 1e-3),
                    what + " differs at " + i + ": plain " + x[i] + ", fast " + y[i]);
        }
    }
}
