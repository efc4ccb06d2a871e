package ftx.engine.model;

import static ftx.engine.util.VectorMath.FLOATS;

import ftx.engine.util.Simd;
import java.nio.FloatBuffer;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SIMD kernel ({@link Simd}) for the core of multi-head attention in training (SPEC section 2),
 * {@code softmax(q k^T / sqrt(hd) + mask) v} and its backward, one (sequence, head) at a time.
 *
 * <p>ND4J runs the six products of a [65 x 32] head as batched GEMMs of 128 tiny matrices at
 * 25-30 GFLOP/s, plus a copy into the head layout and back for each of q, k, v and the output,
 * and the softmax in between (about 18% of an H = 8 step on one thread). Here a head's rows are
 * copied into small zero-padded arrays that stay in the L1 cache, the products run in vectors
 * (only over the keys a causal query sees), the softmax and its backward are done on the row of
 * scores while it is in cache, and results are written straight back in the [B*T, D] layout.
 * The plain version ({@link Attention}'s ND4J path) is the fallback and the tests' oracle.
 */
final class AttentionKernel {
    /** Query rows taken together (see {@link Shape#products}). */
    private static final int ROWS = 4;

    private AttentionKernel() {
    }

    /** The attention output before W_o [B*Tq, D], and the probabilities [B, nh, Tq, Tk] the backward needs. */
    record Forward(INDArray merged, INDArray probs) {
    }

    /**
     * q [B*Tq, D], k and v [B*Tk, D] (RoPE already applied); causal needs Tq == Tk (query t sees
     * keys 0..t), otherwise every query sees every key.
     */
    static Forward forward(INDArray q, INDArray k, INDArray v, int nHeads, int b, int tq, int tk, boolean causal) {
        Shape s = new Shape((int) q.size(1), nHeads, tq, tk);
        INDArray merged = Nd4j.createUninitialized(DataType.FLOAT, (long) b * tq, s.d);
        INDArray probs = Nd4j.createUninitialized(DataType.FLOAT, b, nHeads, tq, tk);
        FloatBuffer qb = floats(q);
        FloatBuffer kb = floats(k);
        FloatBuffer vb = floats(v);
        FloatBuffer ob = floats(merged);
        FloatBuffer pb = floats(probs);
        float[] qs = new float[s.tqP * s.hdP]; // one head's rows, padded (see Shape)
        float[] kt = new float[s.hd * s.tkP]; // k transposed: [hd][Tk], so a row of scores is a sum of vectors
        float[] vs = new float[tk * s.hdP];
        float[] rows = new float[ROWS * s.tkP];
        float[] out = new float[ROWS * s.hdP];
        Sequence seq = new Sequence(s, tq, tk);
        float[] pHead = new float[tq * tk];
        for (int bi = 0; bi < b; bi++) {
            seq.read(qb, q, bi * tq, tq, seq.q);
            seq.read(kb, k, bi * tk, tk, seq.k);
            seq.read(vb, v, bi * tk, tk, seq.v);
            for (int h = 0; h < nHeads; h++) {
                s.gather(seq.q, tq, h, qs);
                s.gather(seq.v, tk, h, vs);
                s.gatherTransposed(seq.k, tk, h, kt);
                for (int i0 = 0; i0 < tq; i0 += ROWS) {
                    int n = Math.min(ROWS, tq - i0);
                    int seenAll = causal ? i0 + n : tk;
                    s.products(qs, i0, kt, seenAll, rows);
                    for (int r = 0; r < ROWS; r++) {
                        s.softmax(rows, r * s.tkP, r < n ? (causal ? i0 + r + 1 : tk) : 0);
                    }
                    s.weightedSums(rows, seenAll, vs, out);
                    for (int r = 0; r < n; r++) {
                        System.arraycopy(rows, r * s.tkP, pHead, (i0 + r) * tk, tk);
                        System.arraycopy(out, r * s.hdP, seq.q, (i0 + r) * s.d + h * s.hd, s.hd); // q_i is used up
                    }
                }
                pb.put((int) probs.offset() + (bi * nHeads + h) * tq * tk, pHead, 0, tq * tk);
            }
            seq.write(ob, merged, bi * tq, tq, seq.q);
        }
        return new Forward(merged, probs);
    }

    /**
     * From dMerged = dL/d(attention output before W_o) [B*Tq, D] and the forward's probs, q, k, v:
     * returns {dq, dk, dv} in the [B*T, D] layout (before RoPE's backward).
     */
    static INDArray[] backward(INDArray dMerged, INDArray probs, INDArray q, INDArray k, INDArray v, int nHeads, int b,
                               int tq, int tk, boolean causal) {
        Shape s = new Shape((int) q.size(1), nHeads, tq, tk);
        INDArray dq = Nd4j.createUninitialized(DataType.FLOAT, (long) b * tq, s.d);
        INDArray dk = Nd4j.createUninitialized(DataType.FLOAT, (long) b * tk, s.d);
        INDArray dv = Nd4j.createUninitialized(DataType.FLOAT, (long) b * tk, s.d);
        FloatBuffer gb = floats(dMerged);
        FloatBuffer pb = floats(probs);
        FloatBuffer qb = floats(q);
        FloatBuffer kb = floats(k);
        FloatBuffer vb = floats(v);
        FloatBuffer dqb = floats(dq);
        FloatBuffer dkb = floats(dk);
        FloatBuffer dvb = floats(dv);
        float[] qs = new float[s.tqP * s.hdP];
        float[] ks = new float[tk * s.hdP];
        float[] vt = new float[s.hd * s.tkP];
        float[] dO = new float[s.tqP * s.hdP];
        float[] ps = new float[s.tqP * s.tkP];
        float[] dks = new float[tk * s.hdP];
        float[] dvs = new float[tk * s.hdP];
        float[] ds = new float[ROWS * s.tkP];
        float[] dqs = new float[ROWS * s.hdP];
        Sequence seq = new Sequence(s, tq, tk);
        float[] pHead = new float[tq * tk];
        for (int bi = 0; bi < b; bi++) {
            seq.read(qb, q, bi * tq, tq, seq.q);
            seq.read(kb, k, bi * tk, tk, seq.k);
            seq.read(vb, v, bi * tk, tk, seq.v);
            seq.read(gb, dMerged, bi * tq, tq, seq.g);
            for (int h = 0; h < nHeads; h++) {
                s.gather(seq.q, tq, h, qs);
                s.gather(seq.k, tk, h, ks);
                s.gather(seq.g, tq, h, dO);
                s.gatherTransposed(seq.v, tk, h, vt);
                pb.get((int) probs.offset() + (bi * nHeads + h) * tq * tk, pHead, 0, tq * tk);
                for (int i = 0; i < tq; i++) {
                    System.arraycopy(pHead, i * tk, ps, i * s.tkP, tk);
                }
                Arrays.fill(dks, 0f);
                Arrays.fill(dvs, 0f);
                for (int i0 = 0; i0 < tq; i0 += ROWS) {
                    int n = Math.min(ROWS, tq - i0);
                    int seenAll = causal ? i0 + n : tk;
                    s.products(dO, i0, vt, seenAll, ds); // dP = dO v^T
                    for (int r = 0; r < ROWS; r++) {
                        s.softmaxBackward(ps, (i0 + r) * s.tkP, ds, r * s.tkP, seenAll); // dS; 0 where P is 0
                    }
                    s.weightedSums(ds, seenAll, ks, dqs); // dq_i = sum_j dS_ij k_j
                    for (int r = 0; r < n; r++) {
                        System.arraycopy(dqs, r * s.hdP, seq.q, (i0 + r) * s.d + h * s.hd, s.hd); // q_i is used up
                    }
                    s.accumulateOuter(ds, 0, qs, i0, seenAll, dks); // dk_j += sum_i dS_ij q_i
                    s.accumulateOuter(ps, i0 * s.tkP, dO, i0, seenAll, dvs); // dv_j += sum_i P_ij dO_i
                }
                s.scatter(dks, tk, h, seq.k); // k and v of this head are used up
                s.scatter(dvs, tk, h, seq.v);
            }
            seq.write(dqb, dq, bi * tq, tq, seq.q);
            seq.write(dkb, dk, bi * tk, tk, seq.k);
            seq.write(dvb, dv, bi * tk, tk, seq.v);
        }
        return new INDArray[] {dq, dk, dv};
    }

    private static FloatBuffer floats(INDArray a) {
        return Simd.bytes(a).asFloatBuffer();
    }

    /** Sizes of one head's work, with rows padded to whole vectors (the padding stays zero). */
    private static final class Shape {
        final int d;
        final int hd;
        final int hdP;
        final int tkP;
        final int tqP;
        final int lanes = FLOATS.length();
        final float scale;

        Shape(int d, int nHeads, int tq, int tk) {
            this.d = d;
            this.hd = d / nHeads;
            this.hdP = FLOATS.loopBound(hd + lanes - 1);
            this.tkP = FLOATS.loopBound(tk + lanes - 1);
            this.tqP = (tq + ROWS - 1) / ROWS * ROWS; // query rows padded to whole blocks of ROWS
            this.scale = (float) (1.0 / Math.sqrt(hd));
        }

        /** Head h of rows 0..n-1 of a sequence's [n][D] array into dst[n][hdP]. */
        void gather(float[] seq, int n, int h, float[] dst) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(seq, i * d + h * hd, dst, i * hdP, hd);
            }
        }

        /** Head h of rows 0..n-1 of a sequence's [n][D] array into dst[hd][tkP], transposed. */
        void gatherTransposed(float[] seq, int n, int h, float[] dst) {
            for (int j = 0; j < n; j++) {
                int from = j * d + h * hd;
                for (int c = 0; c < hd; c++) {
                    dst[c * tkP + j] = seq[from + c];
                }
            }
        }

        /** src[n][hdP] into head h of rows 0..n-1 of a sequence's [n][D] array. */
        void scatter(float[] src, int n, int h, float[] seq) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(src, i * hdP, seq, i * d + h * hd, hd);
            }
        }

        /**
         * out[r][j] = rows[i0 + r] . cols[:, j] for the ROWS rows from i0 and the whole vectors
         * covering j < seen (cols: [hd][tkP]); four rows at once, so that four independent chains
         * of FMAs hide their latency and each vector of cols is loaded once.
         */
        void products(float[] rows, int i0, float[] cols, int seen, float[] out) {
            int end = FLOATS.loopBound(seen + lanes - 1);
            int r0 = i0 * hdP;
            for (int j = 0; j < end; j += lanes) {
                FloatVector a0 = FloatVector.zero(FLOATS);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int c = 0; c < hd; c++) {
                    FloatVector x = FloatVector.fromArray(FLOATS, cols, c * tkP + j);
                    a0 = x.fma(FloatVector.broadcast(FLOATS, rows[r0 + c]), a0);
                    a1 = x.fma(FloatVector.broadcast(FLOATS, rows[r0 + hdP + c]), a1);
                    a2 = x.fma(FloatVector.broadcast(FLOATS, rows[r0 + 2 * hdP + c]), a2);
                    a3 = x.fma(FloatVector.broadcast(FLOATS, rows[r0 + 3 * hdP + c]), a3);
                }
                a0.intoArray(out, j);
                a1.intoArray(out, tkP + j);
                a2.intoArray(out, 2 * tkP + j);
                a3.intoArray(out, 3 * tkP + j);
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
            FloatVector sum = FloatVector.zero(FLOATS);
            for (int j = 0; j < end; j += lanes) {
                FloatVector e = FloatVector.fromArray(FLOATS, row, from + j).sub(top).mul(scale)
                        .lanewise(VectorOperators.EXP);
                if (j + lanes > seen) {
                    e = e.blend(0f, FLOATS.indexInRange(j, seen).not());
                }
                sum = sum.add(e);
                e.intoArray(row, from + j);
            }
            float inv = 1f / sum.reduceLanes(VectorOperators.ADD);
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
            float rowDot = dot.reduceLanes(VectorOperators.ADD);
            for (int j = 0; j < end; j += lanes) {
                FloatVector p = FloatVector.fromArray(FLOATS, ps, pFrom + j);
                p.mul(FloatVector.fromArray(FLOATS, dp, from + j).sub(rowDot)).mul(scale).intoArray(dp, from + j);
            }
        }

        /** out[r] = sum_{j < seen} weights[r][j] * rows[j] for the ROWS rows (weights: [ROWS][tkP]; rows: [n][hdP]). */
        void weightedSums(float[] weights, int seen, float[] rows, float[] out) {
            for (int c = 0; c < hdP; c += lanes) {
                FloatVector a0 = FloatVector.zero(FLOATS);
                FloatVector a1 = a0;
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int j = 0; j < seen; j++) {
                    FloatVector x = FloatVector.fromArray(FLOATS, rows, j * hdP + c);
                    a0 = x.fma(FloatVector.broadcast(FLOATS, weights[j]), a0);
                    a1 = x.fma(FloatVector.broadcast(FLOATS, weights[tkP + j]), a1);
                    a2 = x.fma(FloatVector.broadcast(FLOATS, weights[2 * tkP + j]), a2);
                    a3 = x.fma(FloatVector.broadcast(FLOATS, weights[3 * tkP + j]), a3);
                }
                a0.intoArray(out, c);
                a1.intoArray(out, hdP + c);
                a2.intoArray(out, 2 * hdP + c);
                a3.intoArray(out, 3 * hdP + c);
            }
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

    /** One sequence's rows of q, k, v (and the incoming gradient), copied in and out of ND4J in one bulk move each. */
    private static final class Sequence {
        final float[] q;
        final float[] k;
        final float[] v;
        final float[] g;
        private final int d;

        Sequence(Shape s, int tq, int tk) {
            this.d = s.d;
            this.q = new float[tq * s.d];
            this.k = new float[tk * s.d];
            this.v = new float[tk * s.d];
            this.g = new float[tq * s.d];
        }

        /** Rows first..first+n-1 of a [rows, D] array into dst. */
        void read(FloatBuffer src, INDArray a, int first, int n, float[] dst) {
            src.get((int) a.offset() + first * d, dst, 0, n * d);
        }

        /** src into rows first..first+n-1 of a [rows, D] array. */
        void write(FloatBuffer dst, INDArray a, int first, int n, float[] src) {
            dst.put((int) a.offset() + first * d, src, 0, n * d);
        }
    }
}
