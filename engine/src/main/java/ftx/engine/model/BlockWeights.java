package ftx.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The tensors of one Llama-style block, looked up by their SPEC names under a prefix ("blocks.3." or "enc."). */
public record BlockWeights(INDArray attnNorm, INDArray wq, INDArray wk, INDArray wv, INDArray wo,
                    INDArray mlpNorm, INDArray w1, INDArray w3, INDArray w2) {

    public static BlockWeights of(Parameters p, String prefix) {
        return new BlockWeights(p.get(prefix + "attn_norm.weight"), p.get(prefix + "attn.wq.weight"),
                p.get(prefix + "attn.wk.weight"), p.get(prefix + "attn.wv.weight"), p.get(prefix + "attn.wo.weight"),
                p.get(prefix + "mlp_norm.weight"), p.get(prefix + "mlp.w1.weight"), p.get(prefix + "mlp.w3.weight"),
                p.get(prefix + "mlp.w2.weight"));
    }

    public static String blockPrefix(int index) {
        return "blocks." + index + ".";
    }

    static final String ENCODER_PREFIX = "enc.";
}
