package ftx.engine.model;

import ftx.engine.kernels.Ops;
import ftx.engine.kernels.Ops.Columns;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Multi-head attention with RoPE on q and k and no biases (SPEC section 2). The query input and
 * the key/value input are separate, as the encoder block and block L/2+1 need; an ordinary block
 * passes the same array twice. Forward beside backward; a KV-cached step for generation.
 */
public final class Attention {
    private Attention() {
    }

    /** What the backward needs: the inputs, the projections before RoPE, the (stacked) weights. */
    record Cache(INDArray xq, INDArray xkv, boolean shared, INDArray qProj, INDArray kvProj, INDArray wQ, INDArray wKv,
                 INDArray probs, INDArray merged, int b, int tq, int tk, boolean causal) {
    }

    record Output(INDArray y, Cache cache) {
    }

    /** Keys and values of the positions seen so far, for one layer: [B, nh, Tmax, hd] each. */
    public static final class KvCache {
        public final INDArray k;
        public final INDArray v;
        public int length;

        public KvCache(INDArray k, INDArray v) {
            this.k = k;
            this.v = v;
        }
    }

    /**
     * xq [B*Tq, D], xkv [B*Tk, D], both normalised (the same array when the block has one input);
     * every sequence starts at position 0; causal (Tq == Tk): query t sees keys 0..t. With one input, q, k and v
     * come from one product with the stacked weights [W_q; W_k; W_v]; with two, k and v from [W_k; W_v].
     */
    static Output forward(INDArray xq, INDArray xkv, BlockWeights w, Rope rope, int nHeads, int b, int tq, int tk,
                          boolean causal) {
        if (causal && tq != tk) {
            throw new IllegalArgumentException("causal attention needs as many queries as keys, got " + tq + " and " + tk);
        }
        int d = (int) xq.size(1);
        boolean shared = xq == xkv;
        INDArray wQ = shared ? Nd4j.concat(0, w.wq(), w.wk(), w.wv()) : w.wq(); // [3D, D] or [D, D]
        INDArray wKv = shared ? null : Nd4j.concat(0, w.wk(), w.wv()); // [2D, D]
        INDArray qProj = Linear.forward(xq, wQ);
        INDArray kvProj = shared ? qProj : Linear.forward(xkv, wKv);
        int kCol = shared ? d : 0;
        Ops.AttentionCore core = Ops.current().attention(new Columns(qProj, 0), new Columns(kvProj, kCol),
                new Columns(kvProj, kCol + d), d, rope.table(), nHeads, b, tq, tk, causal);
        INDArray y = Linear.forward(core.merged(), w.wo());
        return new Output(y, new Cache(xq, xkv, shared, qProj, kvProj, wQ, wKv, core.probs(), core.merged(), b, tq, tk,
                causal));
    }

    /** Returns {dxq, dxkv} (dxkv null when the block has one input: dxq holds both) and accumulates the weight gradients. */
    static INDArray[] backward(INDArray dy, Cache s, BlockWeights w, BlockWeights g, Rope rope, int nHeads) {
        Ops ops = Ops.current();
        INDArray dMerged = Linear.backward(dy, s.merged(), w.wo(), g.wo());
        int d = (int) dMerged.size(1);
        int kCol = s.shared() ? d : 0;
        INDArray dqProj = Nd4j.createUninitialized(dMerged.dataType(), s.qProj().size(0), s.qProj().size(1));
        INDArray dkvProj = s.shared() ? dqProj : Nd4j.createUninitialized(dMerged.dataType(), s.kvProj().size(0), 2L * d);
        ops.attentionBackward(dMerged, s.probs(), new Columns(s.qProj(), 0), new Columns(s.kvProj(), kCol),
                new Columns(s.kvProj(), kCol + d), new Columns(dqProj, 0), new Columns(dkvProj, kCol),
                new Columns(dkvProj, kCol + d), rope.table(), nHeads, s.b(), s.tq(), s.tk(), s.causal());
        if (s.shared()) {
            addStacked(ops.gemm(dqProj, s.xq(), true, false), g.wq(), g.wk(), g.wv());
            return new INDArray[] {ops.gemm(dqProj, s.wQ(), false, false), null};
        }
        INDArray dxq = Linear.backward(dqProj, s.xq(), w.wq(), g.wq());
        addStacked(ops.gemm(dkvProj, s.xkv(), true, false), g.wk(), g.wv());
        return new INDArray[] {dxq, ops.gemm(dkvProj, s.wKv(), false, false)};
    }

    /** Adds consecutive row blocks of a stacked gradient [k D, D] into the k tensors [D, D]. */
    private static void addStacked(INDArray stacked, INDArray... into) {
        long d = into[0].size(0);
        for (int i = 0; i < into.length; i++) {
            into[i].addi(stacked.get(NDArrayIndex.interval(i * d, (i + 1) * d), NDArrayIndex.all()));
        }
    }

    /**
     * Generation step: n new positions per sequence at offset cache.length, queries xq [B*n, D],
     * new keys/values from xkv [B*n, D]; appends them to the cache and attends over all of it.
     */
    public static INDArray forwardCached(INDArray xq, INDArray xkv, BlockWeights w, Rope rope, int nHeads, int b, int n,
                                  KvCache cache) {
        int offset = cache.length;
        INDArray q4 = splitHeads(rope.forward(Linear.forward(xq, w.wq()), b, n, offset), b, n, nHeads);
        INDArray k4 = splitHeads(rope.forward(Linear.forward(xkv, w.wk()), b, n, offset), b, n, nHeads);
        INDArray v4 = splitHeads(Linear.forward(xkv, w.wv()), b, n, nHeads);
        cache.k.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + n), NDArrayIndex.all()).assign(k4);
        cache.v.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(offset, offset + n), NDArrayIndex.all()).assign(v4);
        cache.length = offset + n;
        INDArray kAll = cache.k.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, cache.length), NDArrayIndex.all());
        INDArray vAll = cache.v.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, cache.length), NDArrayIndex.all());
        INDArray scores = Nd4j.matmul(q4, kAll.dup('c'), false, true, false);
        INDArray probs = Ops.current().softmax(scores, 1.0 / Math.sqrt(q4.size(3)), n > 1, offset);
        return Linear.forward(mergeHeads(Nd4j.matmul(probs, vAll.dup('c')), b, n), w.wo());
    }

    /** [B*T, D] -> [B, nh, T, hd]. */
    private static INDArray splitHeads(INDArray x, int b, int t, int nHeads) {
        long hd = x.size(1) / nHeads;
        return x.reshape('c', b, t, nHeads, hd).permute(0, 2, 1, 3).dup('c'); // [B, nh, T, hd]
    }

    /** [B, nh, T, hd] -> [B*T, D]. */
    private static INDArray mergeHeads(INDArray x4, int b, int t) {
        long d = x4.size(1) * x4.size(3);
        return x4.permute(0, 2, 1, 3).dup('c').reshape('c', (long) b * t, d); // [B*T, D]
    }
}
