package ftx.engine.inside;

import ftx.engine.model.FreeTransformer;
import ftx.engine.model.ForwardTrace;
import ftx.engine.util.Rng;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What the Inside view shows of one sequence under one choice of Z, computed once: the encoder's
 * bit probabilities, the chosen code per position, every part's output and attention map, and the
 * next-symbol distributions with Z from the prior. {@link #at} adds what depends on the position
 * (the traversal of its codes), so that moving t costs only that.
 */
public final class InsideSequence {
    /** Symbols of greedy continuation per traversal row, unless asked otherwise. */
    public static final int DEFAULT_CONTINUATION = 8;
    /** Draws of Z from the prior, unless asked otherwise. */
    public static final int DEFAULT_PRIOR_DRAWS = 32;

    private final FreeTransformer model;
    private final int[] tokens;
    private final int[] z;
    private final float[][] bits;
    private final ForwardTrace.Result trace;
    private final PriorDraws prior;
    private final Traversal traversal;

    /**
     * @param tokens the sequence (at least one symbol, at most the model's length)
     * @param choice how Z is chosen at every position (ignored by the baseline)
     * @param seed   draws the encoder's sample and the prior's codes
     */
    public InsideSequence(FreeTransformer model, int[] tokens, ZChoice choice, long seed, int priorDraws) {
        if (tokens.length < 1 || tokens.length > model.maxPositions()) {
            throw new IllegalArgumentException("the sequence needs 1 to " + model.maxPositions() + " symbols, got "
                    + tokens.length);
        }
        if (priorDraws < 1 || priorDraws > 4096) {
            throw new IllegalArgumentException("--prior-draws must be in 1..4096, got " + priorDraws);
        }
        this.model = model;
        this.tokens = tokens.clone();
        Rng rng = new Rng(seed);
        if (model.config().hasLatent()) {
            int h = model.config().latentBits();
            FreeTransformer.Forward f = model.forward(new int[][] {tokens},
                    FreeTransformer.ZSource.fromEncoder(new double[tokens.length * h]));
            bits = f.bitProbs().castTo(DataType.FLOAT).toFloatMatrix();
            z = choice.choose(bits, h, rng);
            prior = PriorDraws.of(model, tokens, priorDraws, rng);
        } else {
            bits = null;
            z = null;
            prior = null;
        }
        trace = ForwardTrace.run(model, tokens, z);
        traversal = z == null ? null : new Traversal(model, this.tokens, z);
    }

    /**
     * The numbers at position t: with Z as chosen, from the prior, with one code at t (null = none),
     * and the traversal of t's codes with k symbols of continuation; shared: the code (and each
     * traversed code) is set at every position 0..t.
     */
    public InsidePosition at(int t, Integer code, int k) {
        return at(t, code, k, false);
    }

    /** As above; shared: the traversed code is set at every position 0..t, not only at t. */
    public InsidePosition at(int t, Integer code, int k, boolean shared) {
        if (t < 0 || t >= tokens.length) {
            throw new IllegalArgumentException("position " + t + " is outside the sequence (0.." + (tokens.length - 1) + ")");
        }
        if (k < 0 || k > 256) {
            throw new IllegalArgumentException("--continue must be in 0..256, got " + k);
        }
        double[] chosen = Softmax.of(trace.logits()[t]);
        if (!hasLatent()) {
            if (code != null) {
                throw new IllegalArgumentException("this is a baseline model (latent_bits = 0): it has no Z code to set");
            }
            return new InsidePosition(t, chosen, null, null, null, null, List.of(), shared);
        }
        double[] codeProbs = null;
        if (code != null) {
            if (code < 0 || code >= model.config().latentCodes()) {
                throw new IllegalArgumentException("code " + code + " is outside 0.." + (model.config().latentCodes() - 1)
                        + " (H = " + model.config().latentBits() + ")");
            }
            codeProbs = shared ? nextWithSharedCode(t, code) : nextWithCode(t, t, code);
        }
        List<TraversalRow> rows = shared ? traversal.shared(bits[t], t, k) : traversal.at(bits[t], t, k);
        return new InsidePosition(t, chosen, prior.mean()[t], prior.std()[t], code, codeProbs, rows, shared);
    }

    /**
     * The next-symbol distribution at position t with one code set at position at (at <= t to matter;
     * the code is checked by the caller), Z elsewhere as chosen: what a code decides further on.
     */
    public double[] nextWithCode(int t, int at, int code) {
        return nextWith(t, at, at, code);
    }

    /** The next-symbol distribution at t with one code at every position 0..t, Z after t as chosen. */
    public double[] nextWithSharedCode(int t, int code) {
        return nextWith(t, 0, t, code);
    }

    /** The next-symbol distribution at t with the code at positions from..to, Z elsewhere as chosen. */
    private double[] nextWith(int t, int from, int to, int code) {
        int[] pinned = z.clone();
        java.util.Arrays.fill(pinned, from, to + 1, code);
        float[] row = model.forward(new int[][] {tokens}, FreeTransformer.ZSource.given(pinned)).logits()
                .getRow(t).castTo(DataType.FLOAT).toFloatVector();
        return Softmax.of(row);
    }

    public boolean hasLatent() {
        return model.config().hasLatent();
    }

    public FreeTransformer model() {
        return model;
    }

    public int[] tokens() {
        return tokens.clone();
    }

    /** The chosen code per position; null for the baseline. */
    public int[] z() {
        return z == null ? null : z.clone();
    }

    /** The encoder's bit probabilities [T][H]; null for the baseline. */
    public float[][] bitProbabilities() {
        return bits;
    }

    public ForwardTrace.Result trace() {
        return trace;
    }

    /** The prior draws' count (0 for the baseline). */
    public int priorDraws() {
        return prior == null ? 0 : prior.draws();
    }
}
