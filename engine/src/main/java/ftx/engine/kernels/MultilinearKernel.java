package ftx.engine.kernels;

import static ftx.engine.kernels.VectorMath.FLOATS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/**
 * SIMD kernel ({@link Simd}) for the Binary Mapper's exact gradient (SPEC section 3): for one
 * token, the gradient over p of the multilinear form {@code F(p) = sum_k a_k prod_h (p_h if
 * bit_h(k) else 1-p_h)} in O(2^H), without forming G. It contracts the bits from the most
 * significant one down, keeping each bit's difference {@code D_j = T(bit j = 1) - T(bit j = 0)}
 * in place; then {@code dF/dp_j = D_j . G_(bits < j)}, with the product distribution of the lower
 * bits built up one bit at a time. The first contraction reads the token's row of a straight from
 * ND4J's memory (no copy of the GEMM's block). When the codes span several blocks,
 * {@link MapperBlocks} and {@link MapperBlockKernel} take the blocks' own bits and this kernel
 * the upper ones. In float, the training type. Contract: {@link MultilinearPlain#backward}.
 */
final class MultilinearKernel {
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private MultilinearKernel() {
    }

    /** Per-thread work arrays for {@link #gradient}. */
    static final class Scratch {
        final float[] buf;
        final float[] g;

        Scratch(int h) {
            buf = new float[1 << h];
            g = new float[Math.max(1, 1 << Math.max(0, h - 1))];
        }
    }

    /**
     * a holds a_k of one token at byte position start (2^h floats, read only); p[pOff..pOff+h)
     * the bit probabilities; writes dF/dp_j to grad[gOff + j].
     */
    static void gradient(ByteBuffer a, int start, int h, double[] p, int pOff, double[] grad, int gOff, Scratch s) {
        if (h == 0) {
            return;
        }
        firstContraction(a, start, 1 << (h - 1), (float) p[pOff + h - 1], s.buf);
        finish(h, p, pOff, grad, gOff, s);
    }

    /** The same for a_k held in t[tOff..tOff+2^h). */
    static void gradient(float[] t, int tOff, int h, double[] p, int pOff, double[] grad, int gOff, Scratch s) {
        if (h == 0) {
            return;
        }
        System.arraycopy(t, tOff, s.buf, 0, 1 << h);
        contract(s.buf, 1 << (h - 1), (float) p[pOff + h - 1]);
        finish(h, p, pOff, grad, gOff, s);
    }

    /** The top bit's contraction, reading a and writing buf (see {@link #contract}). */
    private static void firstContraction(ByteBuffer a, int start, int top, float pTop, float[] buf) {
        int lanes = FLOATS.length();
        int whole = top >= lanes ? top : 0;
        for (int i = 0; i < whole; i += lanes) {
            FloatVector lo = FloatVector.fromByteBuffer(FLOATS, a, start + i * Float.BYTES, ORDER);
            FloatVector diff = FloatVector.fromByteBuffer(FLOATS, a, start + (i + top) * Float.BYTES, ORDER).sub(lo);
            diff.intoArray(buf, i + top);
            diff.mul(pTop).add(lo).intoArray(buf, i);
        }
        for (int i = whole; i < top; i++) {
            float lo = a.getFloat(start + i * Float.BYTES);
            float diff = a.getFloat(start + (i + top) * Float.BYTES) - lo;
            buf[i + top] = diff;
            buf[i] = lo + pTop * diff;
        }
    }

    /** The remaining contractions once the top bit's is in s.buf, then the gradient. */
    private static void finish(int h, double[] p, int pOff, double[] grad, int gOff, Scratch s) {
        float[] buf = s.buf;
        for (int j = h - 2; j >= 0; j--) {
            contract(buf, 1 << j, (float) p[pOff + j]);
        }
        float[] g = s.g;
        g[0] = 1;
        for (int j = 0; j < h; j++) {
            int m = 1 << j;
            grad[gOff + j] = dot(buf, m, g, m);
            if (j < h - 1) { // g over bits 0..j: bit j is the top bit of the index
                spread(g, 0, m, (float) p[pOff + j]);
            }
        }
    }

    /** T[0..m) = T_lo + p (T_hi - T_lo) and T[m..2m) = T_hi - T_lo (D_j), in place. */
    private static void contract(float[] t, int m, float pj) {
        int lanes = FLOATS.length();
        int whole = m >= lanes ? m : 0;
        for (int i = 0; i < whole; i += lanes) {
            FloatVector lo = FloatVector.fromArray(FLOATS, t, i);
            FloatVector diff = FloatVector.fromArray(FLOATS, t, i + m).sub(lo);
            diff.intoArray(t, i + m);
            diff.mul(pj).add(lo).intoArray(t, i);
        }
        for (int i = whole; i < m; i++) {
            float lo = t[i];
            float diff = t[i + m] - lo;
            t[i + m] = diff;
            t[i] = lo + pj * diff;
        }
    }

    /** g[off+m..off+2m) = g[off..off+m) p and g[off..off+m) *= (1 - p). */
    private static void spread(float[] g, int off, int m, float pj) {
        float qj = 1 - pj;
        int lanes = FLOATS.length();
        int whole = m >= lanes ? m : 0;
        for (int i = 0; i < whole; i += lanes) {
            FloatVector x = FloatVector.fromArray(FLOATS, g, off + i);
            x.mul(pj).intoArray(g, off + i + m);
            x.mul(qj).intoArray(g, off + i);
        }
        for (int i = whole; i < m; i++) {
            g[off + i + m] = g[off + i] * pj;
            g[off + i] *= qj;
        }
    }

    /**
     * The product distribution of bits: {@code out[off + k] = prod_j (p_j if bit_j(k) else
     * 1-p_j)} for k < 2^bits, with p_j = p[pOff + j].
     */
    static void distribution(double[] p, int pOff, int bits, float[] out, int off) {
        out[off] = 1;
        for (int j = 0; j < bits; j++) {
            spread(out, off, 1 << j, (float) p[pOff + j]);
        }
    }

    /** sum_{i < n} a[from + i] * b[i], in a fixed order (four lane-wise partial sums, added, then across lanes). */
    private static double dot(float[] a, int from, float[] b, int n) {
        int lanes = FLOATS.length();
        int step = 4 * lanes;
        int whole = n - n % step;
        FloatVector s0 = FloatVector.zero(FLOATS);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        for (int i = 0; i < whole; i += step) {
            s0 = FloatVector.fromArray(FLOATS, a, from + i).fma(FloatVector.fromArray(FLOATS, b, i), s0);
            s1 = FloatVector.fromArray(FLOATS, a, from + i + lanes).fma(FloatVector.fromArray(FLOATS, b, i + lanes), s1);
            s2 = FloatVector.fromArray(FLOATS, a, from + i + 2 * lanes)
                    .fma(FloatVector.fromArray(FLOATS, b, i + 2 * lanes), s2);
            s3 = FloatVector.fromArray(FLOATS, a, from + i + 3 * lanes)
                    .fma(FloatVector.fromArray(FLOATS, b, i + 3 * lanes), s3);
        }
        double sum = VectorMath.sum(s0.add(s1).add(s2.add(s3)));
        for (int i = whole; i < n; i++) {
            sum += a[from + i] * b[i];
        }
        return sum;
    }
}
