package ftx.engine.analysis;

import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.util.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Reads a model's latent decisions: {@link #encode} runs the encoder on a whole sequence and
 * reports, per position, the bit probabilities, KL, a posterior sample and the most likely Z;
 * {@link #score} measures the next-symbol log-probabilities under chosen Z indices.
 */
public final class LatentAnalysis {
    private LatentAnalysis() {
    }

    /** tokens: the whole sequence (every position is an encoder input). */
    public static List<PositionCode> encode(FreeTransformer model, int[] tokens, Rng rng) {
        FreeTransformerConfig c = model.config();
        if (!c.hasLatent()) {
            throw new IllegalArgumentException("this is a baseline model (latent_bits = 0): it has no Z to encode");
        }
        checkLength(model, tokens.length, 1);
        int h = c.latentBits();
        double[] u = new double[tokens.length * h];
        for (int i = 0; i < u.length; i++) {
            u[i] = rng.nextDouble();
        }
        FreeTransformer.Forward f = model.forward(new int[][] {tokens}, FreeTransformer.ZSource.fromEncoder(u));
        float[] p = f.bitProbs().dup('c').castTo(DataType.FLOAT).data().asFloat();
        double[] kl = f.klPerToken().dup('c').castTo(DataType.DOUBLE).data().asDouble();
        List<PositionCode> out = new ArrayList<>();
        for (int t = 0; t < tokens.length; t++) {
            float[] bits = Arrays.copyOfRange(p, t * h, (t + 1) * h);
            int mode = 0;
            for (int bit = 0; bit < h; bit++) {
                if (bits[bit] > 0.5f) {
                    mode |= 1 << bit;
                }
            }
            out.add(new PositionCode(tokens[t], bits, kl[t], f.z()[t], mode));
        }
        return out;
    }

    /**
     * tokens: the whole sequence; z: one index per input position (tokens.length - 1 of them;
     * ignored and may be empty for the baseline).
     */
    public static ScoreResult score(FreeTransformer model, int[] tokens, int[] z) {
        checkLength(model, tokens.length, 2);
        int n = tokens.length - 1;
        int[] inputs = Arrays.copyOfRange(tokens, 0, n);
        int[] targets = Arrays.copyOfRange(tokens, 1, n + 1);
        FreeTransformer.ZSource zs;
        if (model.config().hasLatent()) {
            if (z == null || z.length != n) {
                throw new IllegalArgumentException("need one Z index per input position: " + n + " for a sequence of "
                        + tokens.length + " symbols, got " + (z == null ? 0 : z.length));
            }
            zs = FreeTransformer.ZSource.given(z);
        } else {
            zs = FreeTransformer.ZSource.none();
        }
        double[] lp = FreeTransformer.targetLogProbs(model.forward(new int[][] {inputs}, zs), targets);
        return new ScoreResult(lp, -Arrays.stream(lp).average().orElse(0));
    }

    private static void checkLength(FreeTransformer model, int length, int min) {
        if (length < min) {
            throw new IllegalArgumentException("the sequence needs at least " + min + " symbol(s)");
        }
        if (length > model.maxPositions()) {
            throw new IllegalArgumentException("the sequence has " + length + " symbols; the model handles at most "
                    + model.maxPositions());
        }
    }
}
