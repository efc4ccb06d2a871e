package ftx.engine.model;

import ftx.engine.util.FastPath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Rotary position embedding on interleaved pairs (2i, 2i+1) of each head, angle
 * {@code pos * base^(-2i/head_dim)} (SPEC section 5). Written as {@code x*C + (x P)*S} where P
 * maps each pair (a, b) to (-b, a), so forward and backward are plain array ops on any backend.
 * When {@link FastPath} applies, a host kernel rotates the pairs directly (no D x D product).
 */
final class Rope {
    private final INDArray cos; // [Tmax, D]
    private final INDArray sin; // [Tmax, D]
    private final INDArray swap; // [D, D]
    private final double[] hostCos; // [Tmax * D], row-major
    private final double[] hostSin;
    private final float[] hostCosF; // the same tables in float, for float arrays
    private final float[] hostSinF;
    private final int maxPositions;

    Rope(FreeTransformerConfig c, int maxPositions, DataType dtype) {
        int d = c.dModel();
        int hd = c.headDim();
        this.maxPositions = maxPositions;
        double[] cs = new double[maxPositions * d];
        double[] sn = new double[maxPositions * d];
        for (int t = 0; t < maxPositions; t++) {
            for (int col = 0; col < d; col++) {
                int i = (col % hd) / 2;
                double angle = t * Math.pow(c.ropeBase(), -2.0 * i / hd);
                cs[t * d + col] = Math.cos(angle);
                sn[t * d + col] = Math.sin(angle);
            }
        }
        this.hostCos = cs;
        this.hostSin = sn;
        this.hostCosF = new float[cs.length];
        this.hostSinF = new float[sn.length];
        for (int i = 0; i < cs.length; i++) {
            hostCosF[i] = (float) cs[i];
            hostSinF[i] = (float) sn[i];
        }
        this.cos = Nd4j.createFromArray(cs).reshape(maxPositions, d).castTo(dtype);
        this.sin = Nd4j.createFromArray(sn).reshape(maxPositions, d).castTo(dtype);
        double[] p = new double[d * d];
        for (int k = 0; k < d; k += 2) {
            p[(k + 1) * d + k] = -1; // out[2i] = -x[2i+1]
            p[k * d + k + 1] = 1; // out[2i+1] = x[2i]
        }
        this.swap = Nd4j.createFromArray(p).reshape(d, d).castTo(dtype);
    }

    int maxPositions() {
        return maxPositions;
    }

    /** The float tables for positions 0..t-1 (shared, not copied: callers only read them). */
    RopeTable table(int t) {
        if (t > maxPositions) {
            throw new IllegalArgumentException("position " + (t - 1) + " beyond the RoPE table of " + maxPositions);
        }
        return new RopeTable(hostCosF, hostSinF);
    }

    /** x [B*T, D] at positions offset..offset+T-1 of each sequence -> rotated [B*T, D]. */
    INDArray forward(INDArray x, int b, int t, int offset) {
        return apply(x, b, t, offset, false);
    }

    /** Gradient through the rotation: the inverse rotation of dy. */
    INDArray backward(INDArray dy, int b, int t, int offset) {
        return apply(dy, b, t, offset, true);
    }

    /**
     * Rotation by +angle ({@code x C + (x P) S}) or, for the backward, by -angle
     * ({@code dy C + (dy P^T) S}, since both columns of a pair share one angle and P^T = -P).
     */
    private INDArray apply(INDArray x, int b, int t, int offset, boolean inverse) {
        if (offset + t > maxPositions) {
            throw new IllegalArgumentException("position " + (offset + t - 1) + " beyond the RoPE table of " + maxPositions);
        }
        return FastPath.appliesInFloat(x) ? applyHost(x, b, t, offset, inverse) : applyPlain(x, b, t, offset, inverse);
    }

    INDArray applyPlain(INDArray x, int b, int t, int offset, boolean inverse) {
        long d = x.size(1);
        INDArray c = cos.get(NDArrayIndex.interval(offset, offset + t), NDArrayIndex.all()); // [T, D]
        INDArray s = sin.get(NDArrayIndex.interval(offset, offset + t), NDArrayIndex.all()); // [T, D]
        INDArray swapped = Nd4j.gemm(x, swap, false, inverse).reshape('c', b, t, d); // [B, T, D]
        INDArray out = x.reshape('c', b, t, d).mul(c); // [B, T, D]
        out.addi(swapped.muli(s));
        return out.reshape('c', (long) b * t, d); // [B*T, D]
    }

    /**
     * The same rotation pair by pair on the host, for a FLOAT array: (x0, x1) -> (x0 c - x1 s,
     * x1 c + x0 s), s negated for the inverse; in float, with bulk copies (double arrays take the
     * plain version, as for the other kernels).
     */
    INDArray applyHost(INDArray x, int b, int t, int offset, boolean inverse) {
        int d = (int) x.size(1);
        int rows = b * t;
        float[] v = FastPath.readFloats(x, 0, rows * d, 0);
        float sign = inverse ? -1 : 1;
        for (int r = 0; r < rows; r++) {
            int o = r * d;
            int tab = (offset + r % t) * d;
            for (int k = 0; k < d; k += 2) {
                float c = hostCosF[tab + k];
                float s = sign * hostSinF[tab + k];
                float x0 = v[o + k];
                float x1 = v[o + k + 1];
                v[o + k] = x0 * c - x1 * s;
                v[o + k + 1] = x1 * c + x0 * s;
            }
        }
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, rows, d);
        FastPath.writeFloats(v, out, 0, rows * d);
        return out;
    }

    /**
     * Rotates v[o..o+d) in place as position pos; sign -1 for the inverse rotation. In double, for
     * the host generation step, whose activations are double ({@link #applyHost} is its float twin).
     */
    void rotateRow(double[] v, int o, int d, int pos, double sign) {
        if (pos >= maxPositions) {
            throw new IllegalArgumentException("position " + pos + " beyond the RoPE table of " + maxPositions);
        }
        int tab = pos * d;
        for (int k = 0; k < d; k += 2) {
            double c = hostCos[tab + k];
            double s = sign * hostSin[tab + k];
            double x0 = v[o + k];
            double x1 = v[o + k + 1];
            v[o + k] = x0 * c - x1 * s;
            v[o + k + 1] = x1 * c + x0 * s;
        }
    }
}
