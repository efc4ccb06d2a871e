package ftx.engine.kernels;

import static ftx.engine.kernels.AttentionHead.ROWS;

import ftx.engine.kernels.Ops.AttentionCore;
import ftx.engine.kernels.Ops.Columns;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SIMD kernel ({@link Simd}) for {@link Ops#attention} and its backward, one (sequence, head) at a
 * time: a head's columns are copied (and rotated by RoPE) into small zero-padded arrays that stay
 * in the L1 cache ({@link AttentionHead}), the products run in vectors over the keys a causal
 * query sees, the softmax and its backward run on a row of scores while it is in cache, and the
 * results go straight back to the [rows, width] layout of the projections, so that q, k and v can
 * come from one stacked product. Contract: {@link PlainOps#attention}.
 */
final class AttentionKernel {
    private AttentionKernel() {
    }

    /**
     * q rows [B*Tq], k and v rows [B*Tk], before RoPE (applied here at positions 0..T-1); causal
     * needs Tq == Tk (query t sees keys 0..t), otherwise every query sees every key.
     */
    static AttentionCore forward(Columns q, Columns k, Columns v, RopeTable table, int d, int nHeads, int b, int tq, int tk,
                           boolean causal) {
        AttentionHead s = new AttentionHead(d, nHeads, tq, tk);
        INDArray merged = Nd4j.createUninitialized(DataType.FLOAT, (long) b * tq, d);
        INDArray probs = Nd4j.createUninitialized(DataType.FLOAT, b, nHeads, tq, tk);
        FloatBuffer pb = floats(probs);
        Rows in = new Rows();
        in.add(q, tq).add(k, tk).add(v, tk);
        Rows out = new Rows();
        out.add(new Columns(merged, 0), tq);
        float[] qs = new float[s.tqP * s.hdP];
        float[] kt = new float[s.hd * s.tkP]; // k transposed: [hd][Tk], so a row of scores is a sum of vectors
        float[] vs = new float[tk * s.hdP];
        float[] rows = new float[ROWS * s.tkP];
        float[] o = new float[ROWS * s.hdP];
        float[] pHead = new float[tq * tk];
        float[] mergedRows = out.buffer(merged);
        for (int bi = 0; bi < b; bi++) {
            in.read(bi);
            for (int h = 0; h < nHeads; h++) {
                s.gather(in.buffer(q.array()), q.width(), q.col(), tq, h, qs, table);
                s.gather(in.buffer(v.array()), v.width(), v.col(), tk, h, vs, null);
                s.gatherTransposed(in.buffer(k.array()), k.width(), k.col(), tk, h, kt, table);
                for (int i0 = 0; i0 < tq; i0 += ROWS) {
                    int n = Math.min(ROWS, tq - i0);
                    int seenAll = causal ? i0 + n : tk;
                    s.products(qs, i0, kt, seenAll, rows);
                    for (int r = 0; r < ROWS; r++) {
                        s.softmax(rows, r * s.tkP, r < n ? (causal ? i0 + r + 1 : tk) : 0);
                    }
                    s.weightedSums(rows, seenAll, vs, o, 0);
                    for (int r = 0; r < n; r++) {
                        System.arraycopy(rows, r * s.tkP, pHead, (i0 + r) * tk, tk);
                        System.arraycopy(o, r * s.hdP, mergedRows, (i0 + r) * d + h * s.hd, s.hd);
                    }
                }
                pb.put((int) probs.offset() + (bi * nHeads + h) * tq * tk, pHead, 0, tq * tk);
            }
            out.write(bi);
        }
        return new AttentionCore(merged, probs);
    }

    /**
     * From dMerged = dL/d(attention output before W_o) [B*Tq, D], the forward's probabilities and
     * its q, k, v columns: writes dq, dk, dv (gradients of q, k before RoPE) into the given columns.
     */
    static void backward(INDArray dMerged, INDArray probs, Columns q, Columns k, Columns v, Columns dq, Columns dk,
                         Columns dv, RopeTable table, int nHeads, int b, int tq, int tk, boolean causal) {
        int d = (int) dMerged.size(1);
        AttentionHead s = new AttentionHead(d, nHeads, tq, tk);
        FloatBuffer pb = floats(probs);
        Columns g = new Columns(dMerged, 0);
        Rows in = new Rows();
        in.add(q, tq).add(k, tk).add(v, tk).add(g, tq);
        Rows out = new Rows();
        out.add(dq, tq).add(dk, tk).add(dv, tk);
        float[] qs = new float[s.tqP * s.hdP];
        float[] ks = new float[tk * s.hdP];
        float[] vt = new float[s.hd * s.tkP];
        float[] dO = new float[s.tqP * s.hdP];
        float[] ps = new float[s.tqP * s.tkP];
        float[] dks = new float[tk * s.hdP];
        float[] dvs = new float[tk * s.hdP];
        float[] dqs = new float[s.tqP * s.hdP];
        float[] ds = new float[ROWS * s.tkP];
        float[] pHead = new float[tq * tk];
        for (int bi = 0; bi < b; bi++) {
            in.read(bi);
            for (int h = 0; h < nHeads; h++) {
                s.gather(in.buffer(q.array()), q.width(), q.col(), tq, h, qs, table);
                s.gather(in.buffer(k.array()), k.width(), k.col(), tk, h, ks, table);
                s.gather(in.buffer(dMerged), d, 0, tq, h, dO, null);
                s.gatherTransposed(in.buffer(v.array()), v.width(), v.col(), tk, h, vt, null);
                pb.get((int) probs.offset() + (bi * nHeads + h) * tq * tk, pHead, 0, tq * tk);
                for (int i = 0; i < tq; i++) {
                    System.arraycopy(pHead, i * tk, ps, i * s.tkP, tk);
                }
                Arrays.fill(dks, 0f);
                Arrays.fill(dvs, 0f);
                for (int i0 = 0; i0 < tq; i0 += ROWS) {
                    int seenAll = causal ? i0 + Math.min(ROWS, tq - i0) : tk;
                    s.products(dO, i0, vt, seenAll, ds); // dP = dO v^T
                    for (int r = 0; r < ROWS; r++) {
                        s.softmaxBackward(ps, (i0 + r) * s.tkP, ds, r * s.tkP, seenAll); // dS; 0 where P is 0
                    }
                    s.weightedSums(ds, seenAll, ks, dqs, i0); // dq_i = sum_j dS_ij k_j
                    s.accumulateOuter(ds, 0, qs, i0, seenAll, dks); // dk_j += sum_i dS_ij q_i
                    s.accumulateOuter(ps, i0 * s.tkP, dO, i0, seenAll, dvs); // dv_j += sum_i P_ij dO_i
                }
                s.scatter(dqs, tq, h, out.buffer(dq.array()), dq.width(), dq.col(), table);
                s.scatter(dks, tk, h, out.buffer(dk.array()), dk.width(), dk.col(), table);
                s.scatter(dvs, tk, h, out.buffer(dv.array()), dv.width(), dv.col(), null);
            }
            out.write(bi);
        }
    }

    private static FloatBuffer floats(INDArray a) {
        return Simd.bytes(a).asFloatBuffer();
    }

    /**
     * One sequence's rows of each distinct array (a fused projection is read or written once for
     * q, k and v), moved in and out of ND4J in one bulk copy per array and sequence.
     */
    private static final class Rows {
        private final Map<INDArray, float[]> buffers = new IdentityHashMap<>();

        /** Registers an array whose sequences are t rows each. */
        Rows add(Columns c, int t) {
            INDArray a = c.array();
            buffers.computeIfAbsent(a, x -> new float[t * c.width()]);
            return this;
        }

        float[] buffer(INDArray a) {
            return buffers.get(a);
        }

        /** Sequence bi of every array into its buffer. */
        void read(int bi) {
            buffers.forEach((a, buf) -> floats(a).get((int) a.offset() + bi * buf.length, buf, 0, buf.length));
        }

        /** Every buffer into sequence bi of its array. */
        void write(int bi) {
            buffers.forEach((a, buf) -> floats(a).put((int) a.offset() + bi * buf.length, buf, 0, buf.length));
        }
    }
}
