package ftx.engine.kernels;

import static ftx.engine.kernels.VectorMath.FLOATS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/**
 * SIMD kernel ({@link Simd}) for one generated position's attention in
 * {@code ftx.engine.decode.HostDecoderStep}: for one (sequence, head), the scores of the query against the cached
 * keys, the softmax and the weighted sum of the cached values, read in place from the KV cache's
 * memory (no copy of the keys and values per step) in float vectors; the softmax itself in
 * double. For head widths that are a multiple of the vector width ({@link #fits}).
 */
public final class HostAttentionKernel {
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private HostAttentionKernel() {
    }

    /** Whether a head of hd floats is whole vectors. */
    public static boolean fits(int hd) {
        return hd % FLOATS.length() == 0;
    }

    /**
     * q (hd floats at qOff); keys and values of positions 0..len-1 at byte positions k0 and v0
     * (rows of hd floats); scores p (len doubles, overwritten); out[outOff..+hd) += the
     * attention's output.
     */
    public static void head(float[] q, int qOff, ByteBuffer kb, int k0, ByteBuffer vb, int v0, int len, int hd,
                     double scale, double[] p, double[] out, int outOff, float[] acc) {
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < len; t++) {
            p[t] = scores(q, qOff, kb, k0 + t * hd * Float.BYTES, hd) * scale;
            max = Math.max(max, p[t]);
        }
        double sum = 0;
        for (int t = 0; t < len; t++) {
            p[t] = Math.exp(p[t] - max);
            sum += p[t];
        }
        weightedSum(p, 1 / sum, vb, v0, len, hd, acc);
        for (int e = 0; e < hd; e++) {
            out[outOff + e] += acc[e];
        }
    }

    /** q . k for one key row at byte position k0. */
    private static float scores(float[] q, int qOff, ByteBuffer kb, int k0, int hd) {
        int lanes = FLOATS.length();
        FloatVector s = FloatVector.zero(FLOATS);
        for (int e = 0; e < hd; e += lanes) {
            s = FloatVector.fromArray(FLOATS, q, qOff + e).fma(FloatVector.fromByteBuffer(FLOATS, kb, k0 + e * Float.BYTES, ORDER), s);
        }
        return VectorMath.sum(s);
    }

    /** acc[0..hd) = sum_t (p_t inv) v_t. */
    private static void weightedSum(double[] p, double inv, ByteBuffer vb, int v0, int len, int hd, float[] acc) {
        int lanes = FLOATS.length();
        for (int e = 0; e < hd; e += lanes) {
            FloatVector a = FloatVector.zero(FLOATS);
            for (int t = 0; t < len; t++) {
                a = FloatVector.fromByteBuffer(FLOATS, vb, v0 + (t * hd + e) * Float.BYTES, ORDER)
                        .fma(FloatVector.broadcast(FLOATS, (float) (p[t] * inv)), a);
            }
            a.intoArray(acc, e);
        }
    }
}
