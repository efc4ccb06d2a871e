package ftx.engine.train;

import ftx.engine.model.KlBudget;
import ftx.engine.model.LatentObjective;
import ftx.engine.util.Rng;

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
 * @param encoderFreezeStep from this 0-based step on, the encoder Q(Z | S) stops learning: every
 *                         weight it reads keeps its value (see {@link #shapesEncoder}), and only the
 *                         decoder's second half, W_post and the head train on; 0 = never
 * @param priorZShare      the share of each batch's sequences that the decoder reads with Z drawn
 *                         from the uniform prior instead of the encoder's (their KL still counts;
 *                         the encoder learns nothing from their CE); 0 = the paper
 * @param priorZFrom       the 0-based step from which the prior-Z share applies (0 = from the start)
 * @param matchingLambda   weight lambda of the aggregate-posterior matching term (0 = off): lambda x
 *                         mean over positions of sum over bits of KL(Bernoulli(q_th) || Bernoulli(1/2)),
 *                         q_th the batch's mean probability of bit h at position t
 * @param capacityGamma    0 = the free-bits hinge max(0, KL - kappa_t); gamma > 0 = the two-sided
 *                         capacity target gamma x |KL - kappa_t| (Burgess et al., 2018), KL averaged as
 *                         the budget says, which also pushes a latent below budget back up
 * @param kappaCycleSteps  0 = one warm-up; P > 0 = the warm-up is cut into cycles of P steps, in each
 *                         of which kappa falls from its start to kappa over the first half and holds
 *                         kappa over the second (after Fu et al., 2019); the freeze comes after the last
 * @param kappaHold        0 = no hold; otherwise a budget in nats between kappa and kappaStart at which
 *                         the warm-up pauses for kappaHoldSteps steps before its last step down, so
 *                         that the decoder learns to read what Z says at that budget first
 * @param kappaHoldSteps   steps of the hold; the warm-up then ends kappaHoldSteps later
 */
public record LatentRecipe(KlBudget klBudget, double kappaStart, int kappaWarmupSteps, double latentLrScale,
                           int encoderFreezeStep, double priorZShare, int priorZFrom, double matchingLambda,
                           double capacityGamma, int kappaCycleSteps, double kappaHold,
                           int kappaHoldSteps) {
    public static final LatentRecipe PAPER = new LatentRecipe(KlBudget.PER_TOKEN, 0, 0, 1);

    /** A recipe whose encoder learns to the end and whose decoder always reads the encoder's Z. */
    public LatentRecipe(KlBudget klBudget, double kappaStart, int kappaWarmupSteps, double latentLrScale) {
        this(klBudget, kappaStart, kappaWarmupSteps, latentLrScale, 0, 0, 0);
    }

    /** A recipe without the matching term, with the hinge and one warm-up. */
    public LatentRecipe(KlBudget klBudget, double kappaStart, int kappaWarmupSteps, double latentLrScale,
                        int encoderFreezeStep, double priorZShare, int priorZFrom) {
        this(klBudget, kappaStart, kappaWarmupSteps, latentLrScale, encoderFreezeStep, priorZShare, priorZFrom, 0, 0, 0);
    }

    /** A recipe without a hold in the kappa warm-up. */
    public LatentRecipe(KlBudget klBudget, double kappaStart, int kappaWarmupSteps, double latentLrScale,
                        int encoderFreezeStep, double priorZShare, int priorZFrom, double matchingLambda,
                        double capacityGamma, int kappaCycleSteps) {
        this(klBudget, kappaStart, kappaWarmupSteps, latentLrScale, encoderFreezeStep, priorZShare, priorZFrom,
                matchingLambda, capacityGamma, kappaCycleSteps, 0, 0);
    }

    public LatentRecipe {
        if (klBudget == null) {
            klBudget = KlBudget.PER_TOKEN;
        }
        require(kappaStart >= 0 && Double.isFinite(kappaStart), "kappa start must be a finite number of nats >= 0, got " + kappaStart);
        require(kappaWarmupSteps >= 0, "kappa warm-up steps must be >= 0, got " + kappaWarmupSteps);
        require(latentLrScale > 0 && latentLrScale <= 100, "latent learning-rate scale must be in (0, 100], got " + latentLrScale);
        require(kappaStart == 0 || kappaWarmupSteps > 0, "a kappa start needs kappa warm-up steps > 0");
        require(priorZShare >= 0 && priorZShare < 1, "the prior-Z share must be in [0, 1), got " + priorZShare);
        require(priorZFrom >= 0, "the prior-Z share's first step must be >= 0, got " + priorZFrom);
        require(encoderFreezeStep >= 0, "the encoder's freeze step must be >= 0 (0 = never), got " + encoderFreezeStep);
        require(matchingLambda >= 0 && matchingLambda <= 1000,
                "the aggregate-posterior matching weight must be in [0, 1000], got " + matchingLambda);
        require(capacityGamma >= 0 && capacityGamma <= 1000,
                "the capacity target's weight gamma must be in [0, 1000] (0 = the hinge), got " + capacityGamma);
        require(kappaCycleSteps >= 0, "the kappa cycle must be >= 0 steps (0 = one warm-up), got " + kappaCycleSteps);
        require(kappaCycleSteps == 0 || kappaCycleSteps >= 2 && kappaStart > 0,
                "a kappa cycle needs at least 2 steps and a kappa start (the cycles run over the warm-up)");
        require(kappaCycleSteps == 0 || kappaWarmupSteps % kappaCycleSteps == 0,
                "the kappa warm-up of " + kappaWarmupSteps + " steps must hold a whole number of cycles of "
                        + kappaCycleSteps + " steps");
        require(kappaHold >= 0 && Double.isFinite(kappaHold) && kappaHoldSteps >= 0,
                "the kappa hold must be a finite budget >= 0 held for >= 0 steps, got " + kappaHold + " for "
                        + kappaHoldSteps + " steps");
        require((kappaHold > 0) == (kappaHoldSteps > 0),
                "a kappa hold needs both a budget and a number of steps (or neither)");
        require(kappaHold == 0 || kappaStart > kappaHold && kappaCycleSteps == 0,
                "a kappa hold pauses one warm-up below its start: it needs a kappa start above the hold and no cycles");
        int warmupEnd = kappaWarmupSteps + kappaHoldSteps;
        require(encoderFreezeStep == 0 || encoderFreezeStep >= warmupEnd,
                "the encoder freezes at step " + encoderFreezeStep + ", before the kappa warm-up ends at step "
                        + warmupEnd + (kappaCycleSteps > 0 ? " (the end of the last kappa cycle)" : "")
                        + ": Z would keep more than kappa");
    }

    /**
     * kappa at a 0-based step: geometric from kappaStart to kappa over the warm-up, then kappa; with
     * cycles, geometric from kappaStart to kappa over the first half of each cycle, kappa over the
     * second half, and kappa after the last cycle.
     */
    public double kappaAt(int step, double kappa) {
        if (kappaHold > 0 && kappa < kappaHold) {
            int holdFrom = holdFrom(kappa);
            if (step >= holdFrom + kappaHoldSteps) {
                step -= kappaHoldSteps;
            } else if (step >= holdFrom) {
                return kappaHold;
            }
        }
        if (kappaStart <= 0 || kappaWarmupSteps <= 0 || step >= kappaWarmupSteps || kappa <= 0) {
            return kappa;
        }
        double progress;
        if (kappaCycleSteps > 0) {
            double half = kappaCycleSteps / 2.0;
            int inCycle = step % kappaCycleSteps;
            if (inCycle >= half) {
                return kappa;
            }
            progress = inCycle / half;
        } else {
            progress = (double) step / kappaWarmupSteps;
        }
        return kappaStart * Math.pow(kappa / kappaStart, progress);
    }

    /** The step at which the geometric warm-up reaches the hold (the hold lies between kappa and the start). */
    private int holdFrom(double kappa) {
        return (int) Math.ceil(kappaWarmupSteps * Math.log(kappaHold / kappaStart) / Math.log(kappa / kappaStart) - 1e-9);
    }

    /**
     * The latent terms of the loss at a 0-based step, kappa the run's (in nats); skipFrozen lets the
     * backward stop above Z once the encoder is frozen (false computes the gradients and the
     * optimizer ignores them, as before the lever existed: the weights are the same bit for bit).
     */
    public LatentObjective objectiveAt(int step, double kappa, boolean skipFrozen) {
        return new LatentObjective(kappaAt(step, kappa), klBudget, capacityGamma, matchingLambda,
                skipFrozen && frozenAt(step));
    }

    /** The learning-rate multiplier of a parameter (SPEC section 5 names). */
    public double lrScale(String parameter) {
        return isLatentPath(parameter) ? latentLrScale : 1.0;
    }

    /**
     * The multiplier at a 0-based step of a model with this many layers: 0 for a weight of the
     * encoder once it is frozen (the optimizer then leaves it and its moments alone).
     */
    public double lrScale(String parameter, int step, int layers) {
        return frozenAt(step) && shapesEncoder(parameter, layers) ? 0 : lrScale(parameter);
    }

    /** The prior-Z share at a 0-based step. */
    public double priorZShareAt(int step) {
        return step >= priorZFrom ? priorZShare : 0;
    }

    /**
     * The sequences of a batch decoded with Z from the prior at a 0-based step, drawn from rng; null
     * (and nothing drawn, so the run's numbers are the paper's) when the share is 0 at that step.
     */
    public boolean[] drawPriorZ(int step, int sequences, Rng rng) {
        double share = priorZShareAt(step);
        if (share <= 0) {
            return null;
        }
        boolean[] marks = new boolean[sequences];
        for (int i = 0; i < sequences; i++) {
            marks[i] = rng.nextDouble() < share;
        }
        return marks;
    }

    /** True from the freeze step on. */
    public boolean frozenAt(int step) {
        return encoderFreezeStep > 0 && step >= encoderFreezeStep;
    }

    /**
     * The weights Q(Z | S) depends on: the token embedding and the first L/2 blocks (the encoder
     * reads the decoder's first half), zeta, and the encoder's own block, norm and readout.
     */
    public static boolean shapesEncoder(String parameter, int layers) {
        if (parameter.equals("embed.weight") || parameter.equals("zeta") || parameter.startsWith("enc")) {
            return true;
        }
        if (parameter.startsWith("blocks.")) {
            int end = parameter.indexOf('.', 7);
            return Integer.parseInt(parameter.substring(7, end)) < layers / 2;
        }
        return false;
    }

    /** Parameters that exist only for Z: the encoder's block, norm and readout, W_post, zeta. */
    public static boolean isLatentPath(String parameter) {
        return parameter.startsWith("enc") || parameter.startsWith("post.") || parameter.equals("zeta");
    }

    /**
     * The recipe in words for a model card, a page or a panel: "the paper's recipe", or each lever
     * that differs from it, e.g. "free bits: one for the whole batch; kappa from 1 bit over 1,500
     * steps; encoder frozen from step 2,000".
     */
    public String describe() {
        if (followsPaper()) {
            return "the paper's recipe (free bits per token, constant kappa)";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        parts.add("free bits: " + klBudget);
        if (kappaStart > 0 && kappaWarmupSteps > 0) {
            parts.add(kappaCycleSteps > 0
                    ? String.format(java.util.Locale.ROOT, "kappa from %s bit in %d cycles of %,d steps",
                    trim(kappaStart / Math.log(2)), kappaWarmupSteps / kappaCycleSteps, kappaCycleSteps)
                    : String.format(java.util.Locale.ROOT, "kappa from %s bit over %,d steps",
                    trim(kappaStart / Math.log(2)), kappaWarmupSteps));
            if (kappaHold > 0) {
                parts.add(String.format(java.util.Locale.ROOT, "holding %s bit for %,d steps",
                        trim(kappaHold / Math.log(2)), kappaHoldSteps));
            }
        }
        if (capacityGamma > 0) {
            parts.add("two-sided capacity target" + (capacityGamma != 1 ? " x" + trim(capacityGamma) : "")
                    + " |KL - kappa|");
        }
        if (matchingLambda > 0) {
            parts.add("aggregate-posterior matching x" + trim(matchingLambda));
        }
        if (latentLrScale != 1) {
            parts.add("latent learning rate x" + trim(latentLrScale));
        }
        if (encoderFreezeStep > 0) {
            parts.add(String.format(java.util.Locale.ROOT, "encoder frozen from step %,d", encoderFreezeStep));
        }
        if (priorZShare > 0) {
            parts.add("Z from the prior for " + trim(priorZShare * 100) + "% of each batch"
                    + (priorZFrom > 0 ? String.format(java.util.Locale.ROOT, " from step %,d", priorZFrom) : "")
                    + " (not the paper's loss)");
        }
        return String.join("; ", parts);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.3g", v);
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
