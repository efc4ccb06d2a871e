package ftx.engine.train;

/**
 * How a run trains (SPEC section 3 for the loss; AdamW with warm-up and cosine decay).
 *
 * @param steps          optimizer steps of the whole run
 * @param batchSize      sequences per step
 * @param learningRate   peak learning rate after warm-up
 * @param warmupSteps    linear warm-up from 0 to the peak
 * @param minLrRatio     the cosine decays to learningRate * minLrRatio at the last step
 * @param weightDecay    decoupled AdamW decay, applied to matrices only (not norms, biases, zeta)
 * @param beta1          Adam first-moment decay
 * @param beta2          Adam second-moment decay
 * @param adamEps        Adam epsilon
 * @param gradClip       global gradient-norm clip; 0 disables clipping
 * @param kappa          free-bits budget per token, in nats (k bits = k * log 2)
 * @param seed           seed of the run's one generator (initial weights, data, mapper uniforms)
 * @param checkpointEvery autosave interval in steps; 0 = only on stop
 * @param recipe         the latent path's levers ({@link LatentRecipe#PAPER} unless asked; missing in
 *                       checkpoints written before it existed, which read as the paper's)
 */
public record TrainingConfig(int steps, int batchSize, double learningRate, int warmupSteps, double minLrRatio,
                             double weightDecay, double beta1, double beta2, double adamEps, double gradClip,
                             double kappa, long seed, int checkpointEvery, LatentRecipe recipe) {

    public static final double LOG2 = Math.log(2.0);

    public TrainingConfig {
        require(steps >= 1, "steps must be at least 1, got " + steps);
        require(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
        require(learningRate > 0 && learningRate < 10, "learning rate must be in (0, 10), got " + learningRate);
        require(warmupSteps >= 0, "warm-up steps must be >= 0, got " + warmupSteps);
        require(minLrRatio >= 0 && minLrRatio <= 1, "min lr ratio must be in [0, 1], got " + minLrRatio);
        require(weightDecay >= 0 && weightDecay < 1, "weight decay must be in [0, 1), got " + weightDecay);
        require(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), got " + beta1);
        require(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), got " + beta2);
        require(adamEps > 0, "Adam epsilon must be positive, got " + adamEps);
        require(gradClip >= 0, "gradient clip must be >= 0, got " + gradClip);
        require(kappa >= 0 && Double.isFinite(kappa), "kappa must be a finite number of nats >= 0, got " + kappa);
        require(checkpointEvery >= 0, "checkpoint interval must be >= 0, got " + checkpointEvery);
        if (recipe == null) {
            recipe = LatentRecipe.PAPER;
        }
        require(recipe.kappaStart() == 0 || recipe.kappaStart() >= kappa,
                "kappa start (" + recipe.kappaStart() + " nats) must be at least kappa (" + kappa + " nats)");
    }

    /** The paper's recipe for the latent path. */
    public TrainingConfig(int steps, int batchSize, double learningRate, int warmupSteps, double minLrRatio,
                          double weightDecay, double beta1, double beta2, double adamEps, double gradClip,
                          double kappa, long seed, int checkpointEvery) {
        this(steps, batchSize, learningRate, warmupSteps, minLrRatio, weightDecay, beta1, beta2, adamEps, gradClip,
                kappa, seed, checkpointEvery, LatentRecipe.PAPER);
    }

    /** The SPEC's reference recipe: AdamW lr 1e-3, batch 64, kappa given in bits. */
    public static TrainingConfig defaults(int steps, double kappaBits, long seed) {
        return new TrainingConfig(steps, 64, 1e-3, Math.min(100, steps / 10), 0.1, 0.1, 0.9, 0.95, 1e-8, 1.0,
                kappaBits * LOG2, seed, 0);
    }

    public TrainingConfig withSteps(int newSteps) {
        return new TrainingConfig(newSteps, batchSize, learningRate, warmupSteps, minLrRatio, weightDecay, beta1, beta2,
                adamEps, gradClip, kappa, seed, checkpointEvery, recipe);
    }

    public TrainingConfig withCheckpointEvery(int every) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, minLrRatio, weightDecay, beta1, beta2,
                adamEps, gradClip, kappa, seed, every, recipe);
    }

    public TrainingConfig withRecipe(LatentRecipe newRecipe) {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, minLrRatio, weightDecay, beta1, beta2,
                adamEps, gradClip, kappa, seed, checkpointEvery, newRecipe);
    }

    /** kappa in nats at a 0-based step (constant unless the recipe warms it up). */
    public double kappaAt(int step) {
        return recipe.kappaAt(step, kappa);
    }

    /** kappa in bits, for display. */
    public double kappaBits() {
        return kappa / LOG2;
    }

    /** Learning rate at a 0-based step: linear warm-up, then cosine to learningRate * minLrRatio. */
    public double learningRateAt(int step) {
        if (step < warmupSteps) {
            return learningRate * (step + 1) / warmupSteps;
        }
        double span = Math.max(1, steps - warmupSteps);
        double progress = Math.min(1.0, (step - warmupSteps) / span);
        double min = learningRate * minLrRatio;
        return min + 0.5 * (learningRate - min) * (1 + Math.cos(Math.PI * progress));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
