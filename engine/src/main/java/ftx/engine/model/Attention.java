package ftx.engine.model;

import ftx.engine.util.Simd;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Multi-head attention with RoPE on q and k and no biases (SPEC section 2). The query input and
 * the key/value input are separate, as the encoder block and block L/2+1 need; an ordinary block
 * passes the same array twice. Forward beside backward; a KV-cached step for generation.
 */
final class Attention {
    private static final double MASKED = -1e9;

    private Attention() {
    }

    /** What the backward needs: {@link PlainCache} or, on the SIMD path, {@link FusedAttention.State}. */
    interface Cache {
        /** The attention probabilities [B, nh, Tq, Tk]. */
        INDArray probs();
    }

    /** The plain path's cache: q, k (after RoPE) and v in the [B*T, D] layout. */
    record PlainCache(INDArray xq, INDArray xkv, INDArray q, INDArray k, INDArray v, INDArray probs,
                      INDArray merged, int b, int tq, int tk) implements Cache {
    }

    record Output(INDArray y, Cache cache) {
    }

    /** Keys and values of the positions seen so far, for one layer: [B, nh, Tmax, hd] each. */
    static final class KvCache {
        final INDArray k;
        final INDArray v;
        int length;

        KvCache(INDArray k, INDArray v) {
            this.k = k;
            this.v = v;
        }
    }

    /**
     * xq [B*Tq, D], xkv [B*Tk, D] (both already normalised); every sequence starts at position 0.
     * causal: query t sees keys 0..t (needs Tq == Tk); otherwise every key.
     */
    static Output forward(INDArray xq, INDArray xkv, BlockWeights w, Rope rope, int nHeads, int b, int tq, int tk,
                          boolean causal) {
        if (tq == tk && Simd.applies(xq, xkv, w.wq(), w.wk(), w.wv(), w.wo())
                && Simd.fits((long) b * nHeads * tq * tk) && Simd.fits((long) b * tq * 3 * xq.size(1))) {
            return FusedAttention.forward(xq, xkv, w, rope, nHeads, b, tq, causal);
        }
        INDArray q = rope.forward(Linear.forward(xq, w.wq()), b, tq, 0); // [B*Tq, D]
        INDArray k = rope.forward(Linear.forward(xkv, w.wk()), b, tk, 0); // [B*Tk, D]
        INDArray v = Linear.forward(xkv, w.wv()); // [B*Tk, D]
        INDArray probs = probabilities(splitHeads(q, b, tq, nHeads), splitHeads(k, b, tk, nHeads), causal, 0);
        INDArray merged = mergeHeads(Nd4j.matmul(probs, splitHeads(v, b, tk, nHeads)), b, tq); // [B*Tq, D]
        INDArray y = Linear.forward(merged, w.wo());
        return new Output(y, new PlainCache(xq, xkv, q, k, v, probs, merged, b, tq, tk));
    }

    /**
     * Returns {dxq, dxkv} and accumulates the four weight gradients into g; dxkv is null when
     * the fused path served a block with one input (dxq then holds both paths).
     */
    static INDArray[] backward(INDArray dy, Cache cache, BlockWeights w, BlockWeights g, Rope rope, int nHeads) {
        if (cache instanceof FusedAttention.State f) {
            return FusedAttention.backward(dy, f, w, g, rope, nHeads);
        }
        PlainCache c = (PlainCache) cache;
        INDArray dMerged = Linear.backward(dy, c.merged(), w.wo(), g.wo()); // [B*Tq, D]
        INDArray[] dqkv = corePlainBackward(dMerged, c, nHeads);
        INDArray dq = rope.backward(dqkv[0], c.b(), c.tq(), 0);
        INDArray dk = rope.backward(dqkv[1], c.b(), c.tk(), 0);
        INDArray dv = dqkv[2];
        INDArray dxq = Linear.backward(dq, c.xq(), w.wq(), g.wq());
        INDArray dxkv = Linear.backward(dk, c.xkv(), w.wk(), g.wk());
        dxkv.addi(Linear.backward(dv, c.xkv(), w.wv(), g.wv()));
        return new INDArray[] {dxq, dxkv};
    }

    /** The plain ND4J backward of softmax(q k^T / sqrt(hd)) v: {dq, dk, dv} in the [B*T, D] layout, before RoPE's. */
    private static INDArray[] corePlainBackward(INDArray dMerged, PlainCache c, int nHeads) {
        INDArray q4 = splitHeads(c.q(), c.b(), c.tq(), nHeads);
        INDArray k4 = splitHeads(c.k(), c.b(), c.tk(), nHeads);
        INDArray v4 = splitHeads(c.v(), c.b(), c.tk(), nHeads);
        INDArray dO4 = splitHeads(dMerged, c.b(), c.tq(), nHeads); // [B, nh, Tq, hd]
        INDArray dV4 = Nd4j.matmul(c.probs(), dO4, true, false, false); // [B, nh, Tk, hd]
        INDArray dP = Nd4j.matmul(dO4, v4, false, true, false); // [B, nh, Tq, Tk]
        INDArray dS = softmaxBackward(dP, c.probs(), 1.0 / Math.sqrt(q4.size(3)));
        INDArray dQ4 = Nd4j.matmul(dS, k4); // [B, nh, Tq, hd]
        INDArray dK4 = Nd4j.matmul(dS, q4, true, false, false); // [B, nh, Tk, hd]
        return new INDArray[] {mergeHeads(dQ4, c.b(), c.tq()), mergeHeads(dK4, c.b(), c.tk()), mergeHeads(dV4, c.b(), c.tk())};
    }

    /**
     * Generation step: n new positions per sequence at offset cache.length, queries xq [B*n, D],
     * new keys/values from xkv [B*n, D]; appends them to the cache and attends over all of it.
     */
    static INDArray forwardCached(INDArray xq, INDArray xkv, BlockWeights w, Rope rope, int nHeads, int b, int n,
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
        INDArray probs = probabilities(q4, kAll.dup('c'), n > 1, offset);
        return Linear.forward(mergeHeads(Nd4j.matmul(probs, vAll.dup('c')), b, n), w.wo());
    }

    /**
     * softmax(q k^T / sqrt(hd)) over the keys: [B, nh, Tq, Tk]; causal: query i (at position
     * offset + i) sees keys 0..offset+i. The scale, mask and softmax run in one SIMD kernel when
     * {@link Simd} applies (a host version with Math.exp measured slower than ND4J: 4.5 vs 2.7 ms).
     */
    private static INDArray probabilities(INDArray q4, INDArray k4, boolean causal, int offset) {
        INDArray scores = Nd4j.matmul(q4, k4, false, true, false);
        double scale = 1.0 / Math.sqrt(q4.size(3));
        if (Simd.applies(scores)) {
            SoftmaxKernel.forward(scores, scale, causal, offset);
            return scores;
        }
        return probabilitiesPlain(scores, scale, causal, offset);
    }

    /** The plain ND4J version of {@link SoftmaxKernel#forward}, in place on the scores. */
    static INDArray probabilitiesPlain(INDArray scores, double scale, boolean causal, int offset) {
        scores.muli(scale);
        if (causal) {
            scores.addi(causalMask((int) scores.size(2), (int) scores.size(3), offset, scores.dataType())); // broadcast
        }
        return Nd4j.exec(new SoftMax(scores, scores, 3))[0];
    }

    /** dS = P (dP - rowsum(dP P)) * scale (softmax backward, then the 1/sqrt(hd)); dP is overwritten. */
    private static INDArray softmaxBackward(INDArray dP, INDArray probs, double scale) {
        if (Simd.applies(dP, probs)) {
            SoftmaxKernel.backward(dP, probs, scale);
            return dP;
        }
        return softmaxBackwardPlain(dP, probs, scale);
    }

    static INDArray softmaxBackwardPlain(INDArray dP, INDArray probs, double scale) {
        INDArray rowDot = dP.mul(probs).sum(true, 3); // [B, nh, Tq, 1]
        return dP.subi(rowDot).muli(probs).muli(scale);
    }

    /** Additive mask: 0 where key position <= query position (offset + row), MASKED elsewhere. */
    private static INDArray causalMask(int tq, int tk, int offset, org.nd4j.linalg.api.buffer.DataType dtype) {
        double[] m = new double[tq * tk];
        for (int i = 0; i < tq; i++) {
            for (int j = 0; j < tk; j++) {
                m[i * tk + j] = j <= offset + i ? 0 : MASKED;
            }
        }
        return Nd4j.createFromArray(m).reshape(tq, tk).castTo(dtype);
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
