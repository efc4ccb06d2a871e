package ftx.engine.decode;

import ftx.engine.kernels.HostMatmulKernel;
import ftx.engine.kernels.HostMemory;
import ftx.engine.kernels.Simd;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The products of {@link HostDecoderStep}: {@code y += x W^T} with W held as the rows of its
 * transpose ({@code [in][out]}), in float, four sequences sharing each loaded weight row; the
 * loops index whole row arrays with one counter and one element type, the form HotSpot 17
 * vectorises ({@link HostMatmulKernel} when {@link Simd} runs).
 */
final class HostMatmul {
    private HostMatmul() {
    }

    /** w [out, in] (a dense FLOAT array) -> its transpose, in rows of out floats. */
    static float[][] transposed(INDArray w) {
        int out = (int) w.size(0);
        int in = (int) w.size(1);
        float[] src = HostMemory.readFloats(w, 0, out * in, 0);
        float[][] t = new float[in][out];
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                t[i][o] = src[o * in + i];
            }
        }
        return t;
    }

    /**
     * y [rows * out] += x [rows * in] . wt, with wt from {@link #transposed}; the sum in float. In
     * {@link HostMatmulKernel} when {@link Simd} is on, else {@link #multiplyAddPlain}.
     */
    static void multiplyAdd(double[] x, int rows, int in, float[][] wt, int out, double[] y) {
        if (Simd.enabled()) {
            HostMatmulKernel.multiplyAdd(x, rows, in, wt, out, y);
        } else {
            multiplyAddPlain(x, rows, in, wt, out, y);
        }
    }

    /** The plain version: loops that HotSpot vectorises on its own (see the class comment). */
    static void multiplyAddPlain(double[] x, int rows, int in, float[][] wt, int out, double[] y) {
        float[][] acc = new float[rows][out];
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            float[] a0 = acc[r];
            float[] a1 = acc[r + 1];
            float[] a2 = acc[r + 2];
            float[] a3 = acc[r + 3];
            for (int i = 0; i < in; i++) {
                float[] w = wt[i];
                float x0 = (float) x[r * in + i];
                float x1 = (float) x[(r + 1) * in + i];
                float x2 = (float) x[(r + 2) * in + i];
                float x3 = (float) x[(r + 3) * in + i];
                for (int o = 0; o < out; o++) {
                    float wo = w[o];
                    a0[o] += x0 * wo;
                    a1[o] += x1 * wo;
                    a2[o] += x2 * wo;
                    a3[o] += x3 * wo;
                }
            }
        }
        for (; r < rows; r++) {
            float[] a = acc[r];
            for (int i = 0; i < in; i++) {
                float[] w = wt[i];
                float xi = (float) x[r * in + i];
                for (int o = 0; o < out; o++) {
                    a[o] += xi * w[o];
                }
            }
        }
        for (r = 0; r < rows; r++) {
            float[] a = acc[r];
            for (int o = 0; o < out; o++) {
                y[r * out + o] += a[o];
            }
        }
    }
}
