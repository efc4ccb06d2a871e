package ftx.engine.model;

import ftx.engine.kernels.Ops.Normed;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A Llama-style block {@code x = x + Attn(RMSNorm(x)); x = x + MLP(RMSNorm(x))} (SPEC section 2),
 * generalised so that queries and residual come from {@code xq} while keys/values come from
 * {@code xkv}, both normalised by the block's single attention RMSNorm. An ordinary block passes
 * {@code xkv == null} (the same input). The encoder block and block L/2+1 pass a separate one.
 */
public final class Block {
    private Block() {
    }

    record Cache(Normed qNorm, Normed kvNorm, Attention.Cache attn, Normed mlpNorm,
                 SwiGlu.Cache mlp, boolean sharedInput) {
    }

    record Output(INDArray y, Cache cache) {
    }

    /** xq [B*T, D]; xkv [B*T, D] or null for the same input. */
    static Output forward(INDArray xq, INDArray xkv, BlockWeights w, Rope rope, FreeTransformerConfig c, int b, int t,
                          boolean causal) {
        Normed qn = RmsNorm.forward(xq, w.attnNorm(), c.normEps());
        Normed kvn = xkv == null ? qn : RmsNorm.forward(xkv, w.attnNorm(), c.normEps());
        Attention.Output a = Attention.forward(qn.y(), kvn.y(), w, rope, c.nHeads(), b, t, t, causal);
        INDArray h = xq.add(a.y()); // residual from the query side
        Normed mn = RmsNorm.forward(h, w.mlpNorm(), c.normEps());
        SwiGlu.Output m = SwiGlu.forward(mn.y(), w);
        INDArray y = h.addi(m.y());
        return new Output(y, new Cache(qn, kvn, a.cache(), mn, m.cache(), xkv == null));
    }

    /** Returns {dxq, dxkv}; dxkv is null when the block had one input (then dxq holds both paths). */
    static INDArray[] backward(INDArray dy, Cache c, BlockWeights w, BlockWeights g, Rope rope, int nHeads) {
        INDArray dh = RmsNorm.backward(SwiGlu.backward(dy, c.mlp(), w, g), c.mlpNorm(), w.mlpNorm(), g.mlpNorm());
        dh.addi(dy);
        INDArray[] d = Attention.backward(dh, c.attn(), w, g, rope, nHeads);
        if (c.sharedInput()) {
            INDArray dn = d[1] == null ? d[0] : d[0].addi(d[1]);
            return new INDArray[] {RmsNorm.backward(dn, c.qNorm(), w.attnNorm(), g.attnNorm()).addi(dh), null};
        }
        INDArray dxq = RmsNorm.backward(d[0], c.qNorm(), w.attnNorm(), g.attnNorm()).addi(dh);
        INDArray dxkv = RmsNorm.backward(d[1], c.kvNorm(), w.attnNorm(), g.attnNorm());
        return new INDArray[] {dxq, dxkv};
    }

    /** Generation step over n new positions per sequence, appending keys/values to the layer's cache. */
    public static INDArray forwardCached(INDArray xq, INDArray xkv, BlockWeights w, Rope rope, FreeTransformerConfig c, int b,
                                  int n, Attention.KvCache cache) {
        INDArray qn = RmsNorm.forward(xq, w.attnNorm(), c.normEps()).y();
        INDArray kvn = xkv == null ? qn : RmsNorm.forward(xkv, w.attnNorm(), c.normEps()).y();
        INDArray h = xq.add(Attention.forwardCached(qn, kvn, w, rope, c.nHeads(), b, n, cache));
        return h.addi(SwiGlu.forward(RmsNorm.forward(h, w.mlpNorm(), c.normEps()).y(), w).y());
    }
}
