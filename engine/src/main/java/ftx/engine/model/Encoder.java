package ftx.engine.model;

import ftx.engine.kernels.Ops.Normed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The encoder (SPEC section 2 step 2): one non-causal block whose queries and residual start at
 * the learned vector zeta at every position and whose keys/values are X_half, then RMSNorm and
 * a linear readout with bias to H bit logits.
 */
public final class Encoder {
    private Encoder() {
    }

    record Cache(Block.Cache block, Normed norm, INDArray normed) {
    }

    public record Output(INDArray bitLogits, Cache cache) {
    }

    /** xHalf [B*T, D] -> bit logits [B*T, H]. */
    public static Output forward(INDArray xHalf, Parameters p, Rope rope, FreeTransformerConfig c, int b, int t) {
        INDArray zeta = Nd4j.zeros(xHalf.dataType(), xHalf.shape()).addiRowVector(p.get("zeta")); // [B*T, D]
        Block.Output enc = Block.forward(zeta, xHalf, BlockWeights.of(p, BlockWeights.ENCODER_PREFIX), rope, c, b, t, false);
        Normed n = RmsNorm.forward(enc.y(), p.get("enc_norm.weight"), c.normEps());
        INDArray logits = Linear.forward(n.y(), p.get("enc_readout.weight")).addiRowVector(p.get("enc_readout.bias"));
        return new Output(logits, new Cache(enc.cache(), n, n.y()));
    }

    /** Accumulates the encoder's gradients into g and returns dL/dX_half through the encoder. */
    static INDArray backward(INDArray dLogits, Cache cache, Parameters p, Parameters g, Rope rope, FreeTransformerConfig c) {
        g.get("enc_readout.bias").addi(dLogits.sum(0));
        INDArray dn = Linear.backward(dLogits, cache.normed(), p.get("enc_readout.weight"), g.get("enc_readout.weight"));
        INDArray dy = RmsNorm.backward(dn, cache.norm(), p.get("enc_norm.weight"), g.get("enc_norm.weight"));
        INDArray[] d = Block.backward(dy, cache.block(), BlockWeights.of(p, BlockWeights.ENCODER_PREFIX),
                BlockWeights.of(g, BlockWeights.ENCODER_PREFIX), rope, c.nHeads());
        g.get("zeta").addi(d[0].sum(0));
        return d[1];
    }
}
