package ftx.engine.kernels;

import static ftx.engine.kernels.VectorMath.FLOATS;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * One attention head's work in {@link AttentionKernel}: its sizes, the moves of its columns
 * between a sequence's rows and small zero-padded arrays (rotating q and k by RoPE on the way
 * in, and their gradients back on the way out), and the vector loops over them. Rows are padded
 * to whole vectors and query rows to whole blocks of {@link #ROWS}; the padding stays zero.
 */
final class AttentionHead {
    /** Query rows taken together (see {@link #fourRows}). */
    static final int ROWS = 4;

    final int d;
    final int hd;
    final int hdP;
    final int tkP;
    final int tqP;
    final int lanes = FLOATS.length();
    final float scale;
    private final float[] rotated; // one rotated row, for gatherTransposed

    AttentionHead(int d, int nHeads, int tq, int tk) {
        this.d = d;
        this.hd = d / nHeads;
        this.hdP = FLOATS.loopBound(hd + lanes - 1);
        this.tkP = FLOATS.loopBound(tk + lanes - 1);
        this.tqP = (tq + ROWS - 1) / ROWS * ROWS; // query rows padded to whole blocks of ROWS
        this.scale = (float) (1.0 / Math.sqrt(hd));
        this.rotated = new float[hd];
    }

    /**
     * Head h of rows 0..n-1 of a sequence into dst[n][hdP]; row i of the head starts at
     * seq[i * stride + col + h * hd]. With a RoPE table, each pair (x0, x1) at position i is
     * rotated on the way: (x0 c - x1 s, x1 c + x0 s).
     */
    void gather(float[] seq, int stride, int col, int n, int h, float[] dst, RopeTable rope) {
        for (int i = 0; i < n; i++) {
            int from = i * stride + col + h * hd;
            if (rope == null) {
                System.arraycopy(seq, from, dst, i * hdP, hd);
                continue;
            }
            rotate(seq, from, dst, i * hdP, rope, i * d + h * hd, 1f);
        }
    }

    /** As {@link #gather}, into dst[hd][tkP], transposed. */
    void gatherTransposed(float[] seq, int stride, int col, int n, int h, float[] dst, RopeTable rope) {
        for (int j = 0; j < n; j++) {
            int from = j * stride + col + h * hd;
            float[] src = seq;
            if (rope != null) {
                rotate(seq, from, rotated, 0, rope, j * d + h * hd, 1f);
                src = rotated;
                from = 0;
            }
            for (int c = 0; c < hd; c++) {
                dst[c * tkP + j] = src[from + c];
            }
        }
    }

    /**
     * src[n][hdP] into head h of rows 0..n-1 of a sequence (laid out as in {@link #gather}); with
     * a RoPE table, each pair of gradients is rotated back: (g0 c + g1 s, g1 c - g0 s).
     */
    void scatter(float[] src, int n, int h, float[] seq, int stride, int col, RopeTable rope) {
        for (int i = 0; i < n; i++) {
            int to = i * stride + col + h * hd;
            if (rope == null) {
                System.arraycopy(src, i * hdP, seq, to, hd);
                continue;
            }
            rotate(src, i * hdP, seq, to, rope, i * d + h * hd, -1f);
        }
    }

    /**
     * Each pair (x0, x1) of src[from..from+hd) rotated by sign * its angle (row tab of the table)
     * into dst[to..]: (x0 c - x1 s, x1 c + x0 s) with s = sign * sin.
     */
    private void rotate(float[] src, int from, float[] dst, int to, RopeTable rope, int tab, float sign) {
        for (int c = 0; c < hd; c += 2) {
            float x0 = src[from + c];
            float x1 = src[from + c + 1];
            float co = rope.cos()[tab + c];
            float si = sign * rope.sin()[tab + c];
            dst[to + c] = x0 * co - x1 * si;
            dst[to + c + 1] = x1 * co + x0 * si;
        }
    }

    /**
     * out[r][j] = rows[i0 + r] . cols[:, j] for the ROWS rows from i0 and the whole vectors
     * covering j < seen (cols: [hd][tkP]).
     */
    void products(float[] rows, int i0, float[] cols, int seen, float[] out) {
        int end = FLOATS.loopBound(seen + lanes - 1);
        for (int j = 0; j < end; j += lanes) {
            fourRows(cols, j, tkP, rows, i0 * hdP, hdP, hd, out, j, tkP);
        }
    }

    /**
     * Scores row[from..) -> probabilities over its first seen keys, in place, and 0 for the
     * other keys (seen 0: a padding row, all 0).
     */
    void softmax(float[] row, int from, int seen) {
        if (seen == 0) {
            Arrays.fill(row, from, from + tkP, 0f);
            return;
        }
        int end = FLOATS.loopBound(seen + lanes - 1);
        FloatVector max = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
        for (int j = 0; j < end; j += lanes) {
            FloatVector x = FloatVector.fromArray(FLOATS, row, from + j);
            if (j + lanes > seen) {
                x = x.blend(Float.NEGATIVE_INFINITY, FLOATS.indexInRange(j, seen).not());
            }
            max = max.max(x);
        }
        float top = max.reduceLanes(VectorOperators.MAX);
        VectorMath.expInPlace(row, from, from + end, top, scale);
        Arrays.fill(row, from + seen, from + end, 0f); // the keys this row does not see
        FloatVector sum = FloatVector.zero(FLOATS);
        for (int j = 0; j < end; j += lanes) {
            sum = sum.add(FloatVector.fromArray(FLOATS, row, from + j));
        }
        float inv = 1f / VectorMath.sum(sum);
        for (int j = 0; j < end; j += lanes) {
            FloatVector.fromArray(FLOATS, row, from + j).mul(inv).intoArray(row, from + j);
        }
        Arrays.fill(row, from + end, from + tkP, 0f);
    }

    /**
     * dP row dp[from..) -> dS = P (dP - sum_j dP_j P_j) * scale, in place, over the whole
     * vectors covering seenAll; P (ps[pFrom..)) is 0 for the keys this row does not see, so
     * dS is 0 there.
     */
    void softmaxBackward(float[] ps, int pFrom, float[] dp, int from, int seenAll) {
        int end = FLOATS.loopBound(seenAll + lanes - 1);
        FloatVector dot = FloatVector.zero(FLOATS);
        for (int j = 0; j < end; j += lanes) {
            dot = FloatVector.fromArray(FLOATS, dp, from + j).fma(FloatVector.fromArray(FLOATS, ps, pFrom + j), dot);
        }
        float rowDot = VectorMath.sum(dot);
        for (int j = 0; j < end; j += lanes) {
            FloatVector p = FloatVector.fromArray(FLOATS, ps, pFrom + j);
            p.mul(FloatVector.fromArray(FLOATS, dp, from + j).sub(rowDot)).mul(scale).intoArray(dp, from + j);
        }
    }

    /** out[outRow + r] = sum_{j < seen} weights[r][j] * rows[j] for the ROWS rows (weights: [ROWS][tkP]; rows, out: [n][hdP]). */
    void weightedSums(float[] weights, int seen, float[] rows, float[] out, int outRow) {
        for (int c = 0; c < hdP; c += lanes) {
            fourRows(rows, c, hdP, weights, 0, tkP, seen, out, outRow * hdP + c, hdP);
        }
    }

    /**
     * One vector of four sums: out[outAt + r outStride ..] = sum_{k < len} a[aAt + r aStride + k]
     * * v[vAt + k vStride ..] for r < ROWS. Four rows at once, so that four independent chains of
     * FMAs hide their latency and each vector of v is loaded once.
     */
    private void fourRows(float[] v, int vAt, int vStride, float[] a, int aAt, int aStride, int len, float[] out,
                          int outAt, int outStride) {
        FloatVector a0 = FloatVector.zero(FLOATS);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        for (int k = 0; k < len; k++) {
            FloatVector x = FloatVector.fromArray(FLOATS, v, vAt + k * vStride);
            a0 = x.fma(FloatVector.broadcast(FLOATS, a[aAt + k]), a0);
            a1 = x.fma(FloatVector.broadcast(FLOATS, a[aAt + aStride + k]), a1);
            a2 = x.fma(FloatVector.broadcast(FLOATS, a[aAt + 2 * aStride + k]), a2);
            a3 = x.fma(FloatVector.broadcast(FLOATS, a[aAt + 3 * aStride + k]), a3);
        }
        a0.intoArray(out, outAt);
        a1.intoArray(out, outAt + outStride);
        a2.intoArray(out, outAt + 2 * outStride);
        a3.intoArray(out, outAt + 3 * outStride);
    }

    /**
     * acc[j] += sum_r weights[from + r tkP + j] * rows[i0 + r] for j < seen and the ROWS rows
     * from i0 (acc, rows: [n][hdP]; rows past the real ones have weight 0).
     */
    void accumulateOuter(float[] weights, int from, float[] rows, int i0, int seen, float[] acc) {
        for (int c = 0; c < hdP; c += lanes) {
            FloatVector x0 = FloatVector.fromArray(FLOATS, rows, i0 * hdP + c);
            FloatVector x1 = FloatVector.fromArray(FLOATS, rows, (i0 + 1) * hdP + c);
            FloatVector x2 = FloatVector.fromArray(FLOATS, rows, (i0 + 2) * hdP + c);
            FloatVector x3 = FloatVector.fromArray(FLOATS, rows, (i0 + 3) * hdP + c);
            for (int j = 0; j < seen; j++) {
                int at = j * hdP + c;
                FloatVector a = FloatVector.fromArray(FLOATS, acc, at);
                FloatVector b01 = x0.mul(weights[from + j]).add(x1.mul(weights[from + tkP + j]));
                FloatVector b23 = x2.mul(weights[from + 2 * tkP + j]).add(x3.mul(weights[from + 3 * tkP + j]));
                a.add(b01.add(b23)).intoArray(acc, at);
            }
        }
    }
}
