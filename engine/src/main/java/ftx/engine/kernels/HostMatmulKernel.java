package ftx.engine.kernels;

import static ftx.engine.kernels.VectorMath.FLOATS;

import jdk.incubator.vector.FloatVector;

/**
 * SIMD kernel ({@link Simd}) for {@code ftx.engine.decode.HostMatmul}'s {@code y += x W^T} in
 * generation: four sequences at a time, each output vector summed over the inputs in FMAs held in
 * registers (four rows times two vectors), so that each loaded vector of weights serves eight FMAs
 * and the accumulators are written once; the remaining sequences (batch 1) one at a time, four
 * output vectors per pass. The sum runs over the inputs in the same order as the
 * plain loop, in float, with fused multiply-adds.
 */
public final class HostMatmulKernel {
    private static final int ROWS = 4;

    private HostMatmulKernel() {
    }

    /** y [rows * out] += x [rows * in] . wt, with wt [in][out] from {@link HostMatmul#transposed}. */
    public static void multiplyAdd(double[] x, int rows, int in, float[][] wt, int out, double[] y) {
        float[] xf = new float[ROWS * in];
        float[] acc = new float[ROWS * out];
        int r = 0;
        for (; r + ROWS <= rows; r += ROWS) {
            toFloat(x, r * in, ROWS * in, xf);
            fourRows(xf, in, wt, out, acc);
            addTo(acc, y, r * out, ROWS * out);
        }
        for (; r < rows; r++) { // the rest one by one (batch 1 in generation)
            toFloat(x, r * in, in, xf);
            oneRow(xf, in, wt, out, acc);
            addTo(acc, y, r * out, out);
        }
    }

    private static void toFloat(double[] x, int from, int n, float[] xf) {
        for (int i = 0; i < n; i++) {
            xf[i] = (float) x[from + i];
        }
    }

    private static void addTo(float[] acc, double[] y, int from, int n) {
        for (int i = 0; i < n; i++) {
            y[from + i] += acc[i];
        }
    }

    /** acc [out] = xf [in] . wt: four output vectors at a time, each weight vector loaded once. */
    private static void oneRow(float[] xf, int in, float[][] wt, int out, float[] acc) {
        int lanes = FLOATS.length();
        int whole = FLOATS.loopBound(out);
        int o = 0;
        for (; o + 4 * lanes <= whole; o += 4 * lanes) {
            FloatVector a0 = FloatVector.zero(FLOATS);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int i = 0; i < in; i++) {
                float[] w = wt[i];
                FloatVector xi = FloatVector.broadcast(FLOATS, xf[i]);
                a0 = FloatVector.fromArray(FLOATS, w, o).fma(xi, a0);
                a1 = FloatVector.fromArray(FLOATS, w, o + lanes).fma(xi, a1);
                a2 = FloatVector.fromArray(FLOATS, w, o + 2 * lanes).fma(xi, a2);
                a3 = FloatVector.fromArray(FLOATS, w, o + 3 * lanes).fma(xi, a3);
            }
            a0.intoArray(acc, o);
            a1.intoArray(acc, o + lanes);
            a2.intoArray(acc, o + 2 * lanes);
            a3.intoArray(acc, o + 3 * lanes);
        }
        for (; o < whole; o += lanes) {
            FloatVector a = FloatVector.zero(FLOATS);
            for (int i = 0; i < in; i++) {
                a = FloatVector.fromArray(FLOATS, wt[i], o).fma(FloatVector.broadcast(FLOATS, xf[i]), a);
            }
            a.intoArray(acc, o);
        }
        for (; o < out; o++) {
            float sum = 0;
            for (int i = 0; i < in; i++) {
                sum = Math.fma(xf[i], wt[i][o], sum);
            }
            acc[o] = sum;
        }
    }

    /** acc [4][out] = xf [4][in] . wt; the vector loops only, so that C2 compiles them whole. */
    private static void fourRows(float[] xf, int in, float[][] wt, int out, float[] acc) {
        int lanes = FLOATS.length();
        int whole = FLOATS.loopBound(out);
        int o = 0;
        for (; o + 2 * lanes <= whole; o += 2 * lanes) {
            FloatVector a00 = FloatVector.zero(FLOATS);
            FloatVector a01 = a00;
            FloatVector a10 = a00;
            FloatVector a11 = a00;
            FloatVector a20 = a00;
            FloatVector a21 = a00;
            FloatVector a30 = a00;
            FloatVector a31 = a00;
            for (int i = 0; i < in; i++) {
                float[] w = wt[i];
                FloatVector w0 = FloatVector.fromArray(FLOATS, w, o);
                FloatVector w1 = FloatVector.fromArray(FLOATS, w, o + lanes);
                FloatVector x0 = FloatVector.broadcast(FLOATS, xf[i]);
                FloatVector x1 = FloatVector.broadcast(FLOATS, xf[in + i]);
                FloatVector x2 = FloatVector.broadcast(FLOATS, xf[2 * in + i]);
                FloatVector x3 = FloatVector.broadcast(FLOATS, xf[3 * in + i]);
                a00 = w0.fma(x0, a00);
                a01 = w1.fma(x0, a01);
                a10 = w0.fma(x1, a10);
                a11 = w1.fma(x1, a11);
                a20 = w0.fma(x2, a20);
                a21 = w1.fma(x2, a21);
                a30 = w0.fma(x3, a30);
                a31 = w1.fma(x3, a31);
            }
            a00.intoArray(acc, o);
            a01.intoArray(acc, o + lanes);
            a10.intoArray(acc, out + o);
            a11.intoArray(acc, out + o + lanes);
            a20.intoArray(acc, 2 * out + o);
            a21.intoArray(acc, 2 * out + o + lanes);
            a30.intoArray(acc, 3 * out + o);
            a31.intoArray(acc, 3 * out + o + lanes);
        }
        for (; o < whole; o += lanes) {
            FloatVector a0 = FloatVector.zero(FLOATS);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int i = 0; i < in; i++) {
                FloatVector w0 = FloatVector.fromArray(FLOATS, wt[i], o);
                a0 = w0.fma(FloatVector.broadcast(FLOATS, xf[i]), a0);
                a1 = w0.fma(FloatVector.broadcast(FLOATS, xf[in + i]), a1);
                a2 = w0.fma(FloatVector.broadcast(FLOATS, xf[2 * in + i]), a2);
                a3 = w0.fma(FloatVector.broadcast(FLOATS, xf[3 * in + i]), a3);
            }
            a0.intoArray(acc, o);
            a1.intoArray(acc, out + o);
            a2.intoArray(acc, 2 * out + o);
            a3.intoArray(acc, 3 * out + o);
        }
        for (; o < out; o++) {
            for (int k = 0; k < ROWS; k++) {
                float s = 0;
                for (int i = 0; i < in; i++) {
                    s = Math.fma(xf[k * in + i], wt[i][o], s);
                }
                acc[k * out + o] = s;
            }
        }
    }
}
