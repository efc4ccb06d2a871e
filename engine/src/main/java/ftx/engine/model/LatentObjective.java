package ftx.engine.model;

/**
 * What a training pass adds to the cross-entropy for the latent Z, and which gradients it needs.
 *
 * @param kappa          the free-bits budget at this step, in nats per token
 * @param budget         where the budget applies ({@link KlBudget})
 * @param capacityGamma  0 = the hinge {@code max(0, KL - kappa)}; gamma > 0 = the two-sided target
 *                       {@code gamma |KL - kappa|}
 * @param matchingLambda weight of the aggregate-posterior matching term (0 = none; {@link PosteriorMatching})
 * @param encoderFrozen  true when nothing upstream of Z learns at this step: the backward stops at the
 *                       middle block and W_post, and the gradients of the embedding, the first half, the
 *                       encoder and zeta stay zero (they would be thrown away)
 */
public record LatentObjective(double kappa, KlBudget budget, double capacityGamma, double matchingLambda,
                              boolean encoderFrozen) {
    public LatentObjective {
        if (budget == null) {
            budget = KlBudget.PER_TOKEN;
        }
        if (!(kappa >= 0) || !(capacityGamma >= 0) || !(matchingLambda >= 0)) {
            throw new IllegalArgumentException("kappa, gamma and lambda must be >= 0, got " + kappa + ", " + capacityGamma
                    + ", " + matchingLambda);
        }
    }

    /** The paper's free-bits hinge at kappa, where budget says. */
    public static LatentObjective hinge(double kappa, KlBudget budget) {
        return new LatentObjective(kappa, budget, 0, 0, false);
    }

    /** True when a pass over part of a batch needs the whole batch's means per position. */
    public boolean needsBatch() {
        return budget.needsBatch() || matchingLambda > 0;
    }
}
