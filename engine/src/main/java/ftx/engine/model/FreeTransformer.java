package ftx.engine.model;

import ftx.engine.util.StepCancel;
import ftx.engine.kernels.Ops.Normed;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Free Transformer (Fleuret 2025, section 3; SPEC section 2), or the plain decoder when the
 * config has no latent bits. Blocks 1..L/2 are causal; the encoder reads X_half and gives H bit
 * logits per token; the Binary Mapper samples Z; the post-sampler turns Z into R; block L/2+1
 * reads queries and residual from X_half and keys/values from RMSNorm(X_half + R); then the
 * remaining blocks, the final RMSNorm and the head. Training runs the forward and the explicit
 * backward of every part in reverse order.
 */
public final class FreeTransformer {
    private final FreeTransformerConfig config;
    private final Parameters params;
    private final Rope rope;

    public FreeTransformer(FreeTransformerConfig config, Parameters params, int maxPositions) {
        this.config = config;
        this.params = params;
        this.rope = new Rope(config, maxPositions, params.dataType());
    }

    public FreeTransformerConfig config() {
        return config;
    }

    public Parameters parameters() {
        return params;
    }

    public int maxPositions() {
        return rope.maxPositions();
    }

    public Rope rope() {
        return rope;
    }

    /**
     * How Z is chosen in a forward pass: sampled from the encoder with uniforms, or given. The
     * sequences marked in fromPrior (null = none) take their Z from the uniform prior instead.
     */
    public record ZSource(double[] uniforms, int[] given, boolean[] fromPrior) {
        public static ZSource fromEncoder(double[] uniforms) {
            return new ZSource(uniforms, null, null);
        }

        public static ZSource fromEncoder(double[] uniforms, boolean[] fromPrior) {
            return new ZSource(uniforms, null, fromPrior);
        }

        public static ZSource given(int[] z) {
            return new ZSource(null, z, null);
        }

        public static ZSource none() {
            return new ZSource(null, null, null);
        }
    }

    /** Result of a forward pass over B sequences of T positions (N = B*T rows, row = b*T + t). */
    public record Forward(INDArray logits, INDArray bitLogits, INDArray bitProbs, INDArray klPerToken, int[] z,
                          Caches caches) {
    }

    /** Caches of every part, kept for the backward. */
    record Caches(INDArray xHalf, List<Block.Cache> blocks, Encoder.Cache encoder, Normed finalNorm,
                  INDArray finalNormed, int[] tokens, int b, int t, boolean[] fromPrior) {
    }

    /**
     * Loss of SPEC section 3 on one batch, after the backward filled the gradients: loss = ce +
     * klTerm + matching, klTerm the free-bits hinge (or two-sided target), matching the
     * aggregate-posterior matching term (0 unless the recipe asks).
     */
    public record Loss(double loss, double ce, double klTerm, double klMean, float[] klPerToken, int[] z,
                       double matching) {
    }

    /** Forward pass on tokens [B][T]; Z from the source (ignored by the baseline). */
    public Forward forward(int[][] tokens, ZSource zs) {
        return forward(tokens, zs, StepCancel.NONE);
    }

    private Forward forward(int[][] tokens, ZSource zs, StepCancel cancel) {
        int b = tokens.length;
        int t = tokens[0].length;
        int[] flat = flatten(tokens);
        List<Block.Cache> caches = new ArrayList<>();
        INDArray x = RowLookup.forward(params.get("embed.weight"), flat); // [B*T, D]
        int half = config.nLayers() / 2;
        for (int i = 0; i < half; i++) {
            cancel.check();
            Block.Output o = Block.forward(x, null, block(params, i), rope, config, b, t, true);
            caches.add(o.cache());
            x = o.y();
        }
        INDArray xHalf = x;
        INDArray bitLogits = null;
        INDArray probs = null;
        INDArray kl = null;
        int[] z = null;
        Encoder.Cache enc = null;
        INDArray kv = null;
        if (config.hasLatent()) {
            if (zs.given() != null) {
                z = checkedZ(zs.given(), flat.length);
            } else {
                if (zs.uniforms() == null) {
                    throw new IllegalArgumentException("a Free Transformer forward needs uniforms or given Z indices");
                }
                cancel.check();
                Encoder.Output e = Encoder.forward(xHalf, params, rope, config, b, t);
                enc = e.cache();
                bitLogits = e.bitLogits();
                BinaryMapper.Sample s = BinaryMapper.sample(bitLogits, zs.uniforms());
                probs = s.probs();
                kl = FreeBitsKl.perToken(bitLogits, probs);
                z = zs.fromPrior() == null ? s.z() : BinaryMapper.fromPrior(s.z(), zs.uniforms(), zs.fromPrior(), t,
                        config.latentBits());
            }
            kv = xHalf.add(RowLookup.forward(params.get("post.weight"), z)); // X_half + R
        }
        for (int i = half; i < config.nLayers(); i++) {
            cancel.check();
            Block.Output o = Block.forward(x, i == half ? kv : null, block(params, i), rope, config, b, t, true);
            caches.add(o.cache());
            x = o.y();
        }
        Normed fn = RmsNorm.forward(x, params.get("norm.weight"), config.normEps());
        INDArray logits = Linear.forward(fn.y(), params.get("head.weight")); // [B*T, V]
        return new Forward(logits, bitLogits, probs, kl, z,
                new Caches(xHalf, caches, enc, fn, fn.y(), flat, b, t, zs.fromPrior()));
    }

    /**
     * One training pass: forward with Z sampled from the encoder by the uniforms ([B*T*H]),
     * the loss {@code CE + mean_t max(0, KL_t - kappa)}, and the backward into grads (added to
     * what grads holds; zero it first for a fresh step).
     */
    public Loss forwardBackward(int[][] inputs, int[][] targets, double[] uniforms, double kappa, Parameters grads) {
        return forwardBackward(inputs, targets, uniforms, kappa, KlBudget.PER_TOKEN, grads);
    }

    /** As above, with the free-bits hinge where budget says ({@link KlBudget}). */
    public Loss forwardBackward(int[][] inputs, int[][] targets, double[] uniforms, double kappa, KlBudget budget,
                                Parameters grads) {
        return forwardBackward(inputs, targets, uniforms, null, LatentObjective.hinge(kappa, budget), grads,
                StepCancel.NONE, KlExchange.WHOLE_BATCH);
    }

    /**
     * As above, for part of a batch: checks cancel between blocks (when it throws, grads hold a
     * partial sum and the caller discards them); the position and global hinges and the matching
     * term take the batch's means per position from exchange, between this part's forward and its
     * backward. The sequences marked in fromPrior (null = none; a study lever, not the paper) are
     * decoded with Z from the prior: their KL counts, their CE does not reach the encoder.
     */
    public Loss forwardBackward(int[][] inputs, int[][] targets, double[] uniforms, boolean[] fromPrior,
                                LatentObjective objective, Parameters grads, StepCancel cancel, KlExchange exchange) {
        Forward f = forward(inputs, config.hasLatent() ? ZSource.fromEncoder(uniforms, fromPrior) : ZSource.none(), cancel);
        int[] flatTargets = flatten(targets);
        CrossEntropy.Result ce = CrossEntropy.forward(f.logits(), flatTargets);
        double klTerm = 0;
        double matching = 0;
        double klMean = 0;
        float[] klPerToken = new float[0];
        BatchMeans means = null;
        if (config.hasLatent()) {
            means = objective.needsBatch() ? exchangeMeans(f, objective, inputs.length, exchange) : null;
            klTerm = FreeBitsKl.term(f.klPerToken(), objective.kappa(), objective.budget(), objective.capacityGamma(),
                    inputs.length, means == null ? null : means.kl());
            if (objective.matchingLambda() > 0) {
                matching = PosteriorMatching.term(means.bits(), objective.matchingLambda(), inputs[0].length);
            }
            klMean = f.klPerToken().meanNumber().doubleValue();
            klPerToken = f.klPerToken().dup('c').data().asFloat();
        }
        backward(f, CrossEntropy.gradient(ce, flatTargets), objective, means, grads, cancel);
        return new Loss(ce.mean() + klTerm + matching, ce.mean(), klTerm, klMean, klPerToken, f.z(), matching);
    }

    /** The batch's mean KL per position [T] and mean bit probabilities [T*H] (null unless matching). */
    private record BatchMeans(double[] kl, double[] bits) {
    }

    /** This pass's sums per position, exchanged for the batch's means: KL [T], then the bit probabilities [T*H]. */
    private BatchMeans exchangeMeans(Forward f, LatentObjective objective, int sequences, KlExchange exchange) {
        double[] kl = FreeBitsKl.sumPerPosition(f.klPerToken(), sequences);
        if (objective.matchingLambda() <= 0) {
            return new BatchMeans(exchange.batchMean(kl, sequences), null);
        }
        double[] bits = PosteriorMatching.sums(f.bitProbs(), sequences);
        double[] both = java.util.Arrays.copyOf(kl, kl.length + bits.length);
        System.arraycopy(bits, 0, both, kl.length, bits.length);
        double[] mean = exchange.batchMean(both, sequences);
        return new BatchMeans(java.util.Arrays.copyOf(mean, kl.length),
                java.util.Arrays.copyOfRange(mean, kl.length, mean.length));
    }

    private void backward(Forward f, INDArray dLogits, LatentObjective objective, BatchMeans means, Parameters g,
                          StepCancel cancel) {
        Caches c = f.caches();
        INDArray dn = Linear.backward(dLogits, c.finalNormed(), params.get("head.weight"), g.get("head.weight"));
        INDArray dx = RmsNorm.backward(dn, c.finalNorm(), params.get("norm.weight"), g.get("norm.weight"));
        int half = config.nLayers() / 2;
        INDArray dKv = null;
        for (int i = config.nLayers() - 1; i >= half; i--) {
            cancel.check();
            INDArray[] d = Block.backward(dx, c.blocks().get(i), block(params, i), block(g, i), rope, config.nHeads());
            dx = d[0];
            if (i == half) {
                dKv = d[1];
            }
        }
        if (config.hasLatent()) {
            RowLookup.backward(dKv, f.z(), g.get("post.weight"));
        }
        if (objective.encoderFrozen()) {
            return; // nothing upstream of Z learns: its gradients would be thrown away
        }
        if (config.hasLatent()) {
            dx.addi(dKv); // kv = X_half + R
            INDArray dBits = BinaryMapper.backward(dKv, f.bitProbs(), params.get("post.weight"), cancel);
            BinaryMapper.clearRows(dBits, c.fromPrior(), c.t()); // their Z did not come from the encoder
            dBits.addi(FreeBitsKl.gradient(f.bitLogits(), f.bitProbs(), f.klPerToken(), objective.kappa(),
                    objective.budget(), objective.capacityGamma(), c.b(), means == null ? null : means.kl()));
            if (objective.matchingLambda() > 0) {
                dBits.addi(PosteriorMatching.gradient(f.bitProbs(), means.bits(), objective.matchingLambda(), c.b()));
            }
            cancel.check();
            dx.addi(Encoder.backward(dBits, c.encoder(), params, g, rope, config));
        }
        for (int i = half - 1; i >= 0; i--) {
            cancel.check();
            dx = Block.backward(dx, c.blocks().get(i), block(params, i), block(g, i), rope, config.nHeads())[0];
        }
        RowLookup.backward(dx, c.tokens(), g.get("embed.weight"));
    }

    /** Cross-entropy terms for a forward: log-probability of each target and the mean CE. */
    public static double[] targetLogProbs(Forward f, int[] flatTargets) {
        return CrossEntropy.forward(f.logits(), flatTargets).targetLogProb().dup('c').data().asDouble();
    }

    private int[] checkedZ(int[] z, int n) {
        if (z.length != n) {
            throw new IllegalArgumentException("need one Z index per position (" + n + "), got " + z.length);
        }
        for (int i = 0; i < z.length; i++) {
            if (z[i] < 0 || z[i] >= config.latentCodes()) {
                throw new IllegalArgumentException("Z index " + z[i] + " at position " + i + " is outside 0.."
                        + (config.latentCodes() - 1) + " (H = " + config.latentBits() + ")");
            }
        }
        return z;
    }

    private static BlockWeights block(Parameters p, int i) {
        return BlockWeights.of(p, BlockWeights.blockPrefix(i));
    }

    public static int[] flatten(int[][] rows) {
        int t = rows[0].length;
        int[] flat = new int[rows.length * t];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != t) {
                throw new IllegalArgumentException("all sequences of a batch need the same length; row " + i + " has "
                        + rows[i].length + ", row 0 has " + t);
            }
            System.arraycopy(rows[i], 0, flat, i * t, t);
        }
        return flat;
    }
}
