package ftx.engine.model;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One forward pass over one sequence that keeps what a person may look at: every part's output
 * (the boxes of the model's diagram, each [T][channels]) and every attention map. Z is given, one
 * code per position; the encoder still runs on the whole sequence, for its bit probabilities and
 * its attention. The numbers are those of {@link FreeTransformer#forward}.
 */
public final class ForwardTrace {
    private ForwardTrace() {
    }

    /**
     * A part's output for the sequence.
     *
     * @param id     a stable name ("embed", "block.0", "encoder", "bits", "mapper", "z", "inject", "logits", ...)
     * @param label  what the diagram calls it
     * @param values [T][channels]
     */
    public record Part(String id, String label, float[][] values) {
    }

    /**
     * @param parts            every part, in the order of the forward
     * @param decoderAttention [layer][head][query][key], causal (entries above the diagonal are 0)
     * @param encoderAttention [head][query][key], non-causal; null for the baseline
     * @param bitProbabilities [T][H] from the encoder; null for the baseline
     * @param logits           [T][V]: row t is the next symbol after position t
     */
    public record Result(List<Part> parts, float[][][][] decoderAttention, float[][][] encoderAttention,
                         float[][] bitProbabilities, float[][] logits) {
    }

    /** tokens: the sequence; z: one code per position (ignored, may be null, for the baseline). */
    public static Result run(FreeTransformer model, int[] tokens, int[] z) {
        FreeTransformerConfig c = model.config();
        Parameters p = model.parameters();
        int t = tokens.length;
        if (c.hasLatent() && (z == null || z.length != t)) {
            throw new IllegalArgumentException("need one Z code per position (" + t + "), got " + (z == null ? 0 : z.length));
        }
        List<Part> parts = new ArrayList<>();
        float[][][][] decoder = new float[c.nLayers()][][][];
        INDArray x = RowLookup.forward(p.get("embed.weight"), tokens);
        parts.add(part("embed", "token embedding", x));
        int half = c.nLayers() / 2;
        for (int i = 0; i < half; i++) {
            Block.Output o = Block.forward(x, null, BlockWeights.of(p, BlockWeights.blockPrefix(i)), model.rope(), c, 1, t, true);
            decoder[i] = heads(o.cache().attn().probs());
            x = o.y();
            parts.add(part("block." + i, "block " + (i + 1) + " (causal)", x));
        }
        INDArray xHalf = x;
        float[][][] encoder = null;
        float[][] bits = null;
        INDArray kv = null;
        if (c.hasLatent()) {
            Encoder.Output e = Encoder.forward(xHalf, p, model.rope(), c, 1, t);
            encoder = heads(e.cache().block().attn().probs());
            parts.add(part("encoder", "encoder block (non-causal, query zeta)", e.cache().normed()));
            parts.add(part("bits", "bit logits (H)", e.bitLogits()));
            INDArray probs = Transforms.sigmoid(e.bitLogits(), true);
            bits = matrix(probs);
            parts.add(part("mapper", "Binary Mapper: P(bit = 1)", probs));
            for (int i = 0; i < t; i++) {
                if (z[i] < 0 || z[i] >= c.latentCodes()) {
                    throw new IllegalArgumentException("Z code " + z[i] + " at position " + i + " is outside 0.."
                            + (c.latentCodes() - 1));
                }
            }
            INDArray r = RowLookup.forward(p.get("post.weight"), z);
            parts.add(part("z", "Z as W_post rows (R)", r));
            kv = xHalf.add(r);
            parts.add(part("inject", "keys and values of block " + (half + 1) + ": X_half + R", kv));
        }
        for (int i = half; i < c.nLayers(); i++) {
            Block.Output o = Block.forward(x, i == half ? kv : null, BlockWeights.of(p, BlockWeights.blockPrefix(i)),
                    model.rope(), c, 1, t, true);
            decoder[i] = heads(o.cache().attn().probs());
            x = o.y();
            parts.add(part("block." + i, "block " + (i + 1) + (i == half ? " (Z in keys and values)" : " (causal)"), x));
        }
        INDArray normed = RmsNorm.forward(x, p.get("norm.weight"), c.normEps()).y();
        INDArray logits = Linear.forward(normed, p.get("head.weight"));
        parts.add(part("logits", "logits (next symbol)", logits));
        return new Result(parts, decoder, encoder, bits, matrix(logits));
    }

    private static Part part(String id, String label, INDArray values) {
        return new Part(id, label, matrix(values));
    }

    private static float[][] matrix(INDArray a) {
        return a.castTo(DataType.FLOAT).toFloatMatrix();
    }

    /** Attention probabilities [1, nh, T, T] as [head][query][key]. */
    private static float[][][] heads(INDArray probs) {
        int nh = (int) probs.size(1);
        float[][][] out = new float[nh][][];
        for (int h = 0; h < nh; h++) {
            out[h] = probs.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(h))
                    .castTo(DataType.FLOAT).toFloatMatrix();
        }
        return out;
    }
}
