package ftx.engine.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.util.Rng;
import ftx.engine.kernels.Simd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The host product, plain and in vectors, against the definition y += x W^T: every row count
 * around the blocks of four, and output widths below, at and between the vector blocks.
 */
class HostMatmulTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9})
    void multiplyAddIsXTimesWTransposedPlusY(int rows) {
        for (int out : new int[] {5, 21, 32, 40, 64, 71}) {
            for (boolean simd : new boolean[] {false, true}) {
                check(rows, 13, out, simd);
            }
        }
    }

    private static void check(int rows, int in, int out, boolean simd) {
        Rng rng = new Rng(rows);
        INDArray w = Nd4j.create(DataType.FLOAT, out, in);
        double[] wv = new double[out * in];
        for (int k = 0; k < wv.length; k++) {
            wv[k] = (float) rng.nextGaussian();
            w.putScalar(k / in, k % in, wv[k]);
        }
        double[] x = new double[rows * in];
        double[] y = new double[rows * out];
        for (int k = 0; k < x.length; k++) {
            x[k] = (float) rng.nextGaussian();
        }
        for (int k = 0; k < y.length; k++) {
            y[k] = k * 0.25;
        }
        double[] expected = y.clone();
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    expected[r * out + o] += x[r * in + i] * wv[o * in + i];
                }
            }
        }
        if (simd) {
            assertTrue(Simd.enabled(), "the tests run with the Vector API module");
            HostMatmul.multiplyAdd(x, rows, in, HostMatmul.transposed(w), out, y);
        } else {
            HostMatmul.multiplyAddPlain(x, rows, in, HostMatmul.transposed(w), out, y);
        }
        for (int k = 0; k < y.length; k++) {
            assertEquals(expected[k], y[k], 1e-4 * (1 + Math.abs(expected[k])),
                    "element " + k + " of " + rows + " rows x " + out + (simd ? " in vectors" : " plain"));
        }
    }
}
