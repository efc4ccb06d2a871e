package ftx.engine.train;

import ftx.engine.model.KlBudget;

/**
 * Training levers for the latent path, each measured in the science issue (sample-models/README.md).
 * {@link #PAPER} is the paper's recipe: the per-token hinge at a constant kappa, one learning rate.
 *
 * @param klBudget         where the free-bits hinge applies (per token = the paper)
 * @param kappaStart       kappa at step 0, in nats, annealed geometrically to the run's kappa over
 *                         kappaWarmupSteps; 0 = no warm-up
 * @param kappaWarmupSteps steps of the kappa warm-up
 * @param latentLrScale    learning-rate multiplier for the latent path: encoder block, its norm and
 *                         readout, the post-sampler W_post and zeta
 */
public record LatentRecipe(KlBudget klBudget, double kappaStart, int kappaWarmupSteps, double latentLrScale) {
    public static final LatentRecipe PAPER = new LatentRecipe(KlBudget.PER_TOKEN, 0, 0, 1);

    public LatentRecipe {
        if (klBudget == null) {
            klBudget = KlBudget.PER_TOKEN;
        }
        require(kappaStart >= 0 && Double.isFinite(kappaStart), "kappa start must be a finite number of nats >= 0, got " + kappaStart);
        require(kappaWarmupSteps >= 0, "kappa warm-up steps must be >= 0, got " + kappaWarmupSteps);
        require(latentLrScale > 0 && latentLrScale <= 100, "latent learning-rate scale must be in (0, 100], got " + latentLrScale);
        require(kappaStart == 0 || kappaWarmupSteps > 0, "a kappa start needs kappa warm-up steps > 0");
    }

    /** kappa at a 0-based step: geometric from kappaStart to kappa over the warm-up, then kappa. */
    public double kappaAt(int step, double kappa) {
        if (kappaStart <= 0 || kappaWarmupSteps <= 0 || step >= kappaWarmupSteps || kappa <= 0) {
            return kappa;
        }
        double progress = (double) step / kappaWarmupSteps;
        return kappaStart * Math.pow(kappa / kappaStart, progress);
    }

    /** The learning-rate multiplier of a parameter (SPEC section 5 names). */
    public double lrScale(String parameter) {
        return isLatentPath(parameter) ? latentLrScale : 1.0;
    }

    /** Parameters that exist only for Z: the encoder's block, norm and readout, W_post, zeta. */
    public static boolean isLatentPath(String parameter) {
        return parameter.startsWith("enc") || parameter.startsWith("post.") || parameter.equals("zeta");
    }

    /** True for the paper's recipe. */
    public boolean followsPaper() {
        return equals(PAPER);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
