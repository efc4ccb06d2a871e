package ftx.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ftx.engine.util.StepCancel;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What the kernels rely on beyond {@link OpsOracleTest}: the SIMD kernels run in the tests, the
 * mapper's blocks of codes and chunks of tokens, and the layout test that keeps strided views and
 * mixed types away from host memory.
 */
class FastKernelTest {
    private final Random rnd = new Random(17);

    @BeforeAll
    static void cpuBackendOnly() {
        assumeTrue(OpsChoice.cpuBackend(), "the CPU kernels run on the CPU backend only; skipped on "
                + Nd4j.getBackend().getClass().getSimpleName());
    }

    private INDArray randn(DataType t, long... shape) {
        double[] v = new double[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return Nd4j.createFromArray(v).reshape(shape).castTo(t);
    }

    @Test
    void simdKernelsRunInTheTestsOnArraysWithAnOffset() {
        assertTrue(Simd.moduleLoaded(), "the tests run with --add-modules jdk.incubator.vector, as the launchers do");
        INDArray whole = randn(DataType.FLOAT, 6, 16);
        INDArray rows = whole.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        assertTrue(Simd.applies(rows) && rows.offset() > 0);
        assertFalse(Simd.applies(rows.castTo(DataType.DOUBLE)), "the float kernels must not read double buffers");
    }

    @Test
    void mapperBackwardInChunksOfFiveTokensMatchesThePlainContraction() {
        for (int h : new int[] {3, 9, 12}) {
            int n = 21;
            INDArray s = randn(DataType.FLOAT, n, 8);
            INDArray post = randn(DataType.FLOAT, 1L << h, 8);
            INDArray probs = Nd4j.rand(DataType.FLOAT, n, h).muli(0.98).addi(0.01);
            OpsOracleTest.assertClose("mapper H=" + h + " in chunks of 5 tokens",
                    MultilinearPlain.backward(s, probs, post, StepCancel.NONE),
                    MapperHost.backward(s, probs, post, 5L << Math.min(h, MapperBlockKernel.BITS), StepCancel.NONE), 2e-4);
        }
    }

    @Test
    void mapperTablesHoldTheDistributionAndItsDerivatives() {
        double[] p = {0.2, 0.7, 0.9};
        float[] out = new float[4 * 8];
        MapperBlocks.table(p, 0, 3, out, 0);
        for (int k = 0; k < 8; k++) {
            double g = 1;
            for (int i = 0; i < 3; i++) {
                g *= ((k >> i) & 1) == 1 ? p[i] : 1 - p[i];
            }
            assertEquals(g, out[k], 1e-7, "G(" + k + ")");
            for (int j = 0; j < 3; j++) { // G is linear in p_j: dG/dp_j = G(p_j = 1) - G(p_j = 0)
                double[] up = p.clone();
                double[] down = p.clone();
                up[j] = 1;
                down[j] = 0;
                assertEquals(product(up, k) - product(down, k), out[(1 + j) * 8 + k], 1e-7, "dG(" + k + ")/dp_" + j);
            }
        }
    }

    private static double product(double[] p, int k) {
        double g = 1;
        for (int i = 0; i < p.length; i++) {
            g *= ((k >> i) & 1) == 1 ? p[i] : 1 - p[i];
        }
        return g;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void viewsWithStridesTakeThePlainPath(DataType t) {
        INDArray x = randn(t, 6, 4);
        INDArray rows = x.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all()); // a dense block with an offset
        assertTrue(HostMemory.dense(rows));
        OpsOracleTest.assertClose("rows read at their offset", rows, HostMemory.create(HostMemory.read(rows, 0), t, 3, 4), 0);
        assertFalse(HostMemory.dense(x.transpose()));
        assertFalse(HostMemory.dense(x.getColumn(1)));
        assertFalse(HostMemory.dense(x, x.castTo(t == DataType.FLOAT ? DataType.DOUBLE : DataType.FLOAT)));
    }
}
