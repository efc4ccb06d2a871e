package ftx.engine.analysis;

import java.util.List;

/**
 * What {@link SyntheticEvaluation} measured on a model of the synthetic task (Fleuret 2025,
 * "The Free Transformer", section 4.1; SPEC section 4). All information in nats.
 *
 * @param settings             how it was measured
 * @param latentBits           H of the model; 0 for the baseline, which has no Z (then
 *                             {@code shared} is null and every Z-related number is NaN)
 * @param fresh                groups where every sample draws its own Z from the prior
 * @param shared               groups whose samples share one Z sequence drawn from the prior
 *                             (generated positions; the prompt keeps its posterior); null for
 *                             the baseline
 * @param freshData            CE and KL on fresh task samples
 * @param startInformation     collision estimate of the information Z carries about the block
 *                             start, {@code ln(shared.startAgreement / fresh.crossGroupStartAgreement)}
 *                             (see {@link SyntheticEvaluation}); NaN when not estimable
 * @param startCollisionEntropy {@code -ln(fresh.crossGroupStartAgreement)}, the collision
 *                             entropy of the model's start distribution: the largest value the
 *                             estimate can take (ln 57 = 4.04 for the task's uniform start)
 */
public record SyntheticEvaluationReport(SyntheticEvaluation.Settings settings, int latentBits, ModeReport fresh,
                                        ModeReport shared, FreshDataReport freshData, double startInformation,
                                        double startCollisionEntropy) {

    /** Whether the model has a latent Z (false for the baseline decoder). */
    public boolean hasLatent() {
        return latentBits > 0;
    }

    /** shared.startAgreement / fresh.startAgreement, the SPEC's "times as often"; NaN for the baseline. */
    public double startAgreementRatio() {
        return shared == null ? Double.NaN : shared.metrics().startAgreement() / fresh.metrics().startAgreement();
    }

    /**
     * One generation mode.
     *
     * @param mode    {@code fresh} or {@code shared}
     * @param metrics the group metrics
     * @param groups  the texts of every group, for a look at what was measured
     */
    public record ModeReport(String mode, GroupMetrics metrics, List<List<String>> groups) {
        public ModeReport {
            groups = groups.stream().map(List::copyOf).toList();
        }

        /** The texts of the first group. */
        public List<String> firstGroup() {
            return groups.isEmpty() ? List.of() : groups.get(0);
        }
    }

    /**
     * Next-symbol prediction on fresh samples of the task, over the 65 predicted positions.
     *
     * @param sequences     samples measured
     * @param ce            cross-entropy per predicted position with Z from the encoder (optimistic
     *                      by up to the KL, SPEC section 3); the plain CE for the baseline
     * @param klPerToken    mean KL of the posterior against the uniform prior per position; NaN
     *                      for the baseline
     * @param klPerSequence mean total KL per sequence (65 positions): an upper bound on the
     *                      information I(X; Z) the encoder puts into Z, hence on I(start; Z); NaN
     *                      for the baseline
     * @param cePrior       cross-entropy per predicted position with Z drawn from the uniform prior
     *                      at every position; NaN for the baseline
     * @param klBeforeDecision mean total KL over the positions up to and including the one that
     *                      predicts the task's first decided symbol (the block's first letter; the
     *                      review's first sentiment word): the most information about that decision
     *                      Z can have given the decoder by then (its attention is causal). NaN when
     *                      the task has no such symbol or for the baseline
     */
    public record FreshDataReport(int sequences, double ce, double klPerToken, double klPerSequence, double cePrior,
                                  double klBeforeDecision) {
    }
}
