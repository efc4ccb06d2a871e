package ftx.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Initializer;
import ftx.engine.model.Parameters;
import ftx.engine.util.FastPath;
import ftx.engine.util.Rng;
import ftx.engine.util.Simd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

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
        DataType t = DataType.FLOAT;
        TrainingThreads.set(threads);
        FreeTransformerConfig c = new FreeTransformerConfig(7, 8, 2, 2, 12, 3, 10000.0, 1e-5);
        TrainingConfig cfg = new TrainingConfig(10, 4, 1e-2, 0, 0.1, 0.1, 0.9, 0.95, 1e-8, 1.0, 0.1, 1, 0);
        Parameters plainP = Initializer.init(c, new Rng(3), t);
        Parameters fastP = plainP.copy(t);
        AdamW plain = AdamW.fresh(c, plainP);
        AdamW fast = AdamW.fresh(c, fastP);
        Rng rng = new Rng(5);
        for (int step = 0; step < 3; step++) {
            Parameters g = Initializer.init(c, rng, t); // any gradient-shaped values
            boolean was = FastPath.enabled();
            try {
                FastPath.setEnabled(false);
                plain.step(plainP, g, 1e-2, cfg, gradScale);
                FastPath.setEnabled(true);
                fast.step(fastP, g, 1e-2, cfg, gradScale);
            } finally {
                FastPath.setEnabled(was);
            }
        }
        double tol = 1e-5;
        for (String name : plainP.names()) {
            close(name, plainP.get(name), fastP.get(name), tol);
            close("m." + name, plain.firstMoment().get(name), fast.firstMoment().get(name), tol);
            close("v." + name, plain.secondMoment().get(name), fast.secondMoment().get(name), tol);
        }
    }

    @Test
    void theVectorUpdateEqualsTheHostLoopBitForBit() {
        DataType t = DataType.FLOAT;
        FreeTransformerConfig c = new FreeTransformerConfig(7, 8, 2, 2, 12, 3, 10000.0, 1e-5); // tensors of 8 to 96 floats
        TrainingConfig cfg = new TrainingConfig(10, 4, 1e-2, 0, 0.1, 0.1, 0.9, 0.95, 1e-8, 1.0, 0.1, 1, 0);
        Parameters hostP = Initializer.init(c, new Rng(3), t);
        Parameters simdP = hostP.copy(t);
        AdamW host = AdamW.fresh(c, hostP);
        AdamW simd = AdamW.fresh(c, simdP);
        Rng rng = new Rng(6);
        for (int step = 0; step < 3; step++) {
            Parameters g = Initializer.init(c, rng, t);
            try {
                Simd.setEnabled(false);
                host.step(hostP, g, 1e-2, cfg, 0.5);
            } finally {
                Simd.setEnabled(true);
            }
            simd.step(simdP, g, 1e-2, cfg, 0.5);
        }
        for (String name : hostP.names()) {
            assertArrayEquals(floats(hostP.get(name)), floats(simdP.get(name)), name);
            assertArrayEquals(floats(host.firstMoment().get(name)), floats(simd.firstMoment().get(name)), "m." + name);
            assertArrayEquals(floats(host.secondMoment().get(name)), floats(simd.secondMoment().get(name)), "v." + name);
        }
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
