package ftx.engine.train;

/**
 * What one training step reports (plain types, for the UI and the CLI).
 *
 * @param step            steps done so far (1-based after the first)
 * @param totalSteps      steps of the run
 * @param loss            CE + free-bits KL term
 * @param ce              cross-entropy, nats per predicted position (with the encoder's Z)
 * @param klMean          mean KL per token, nats (before the hinge)
 * @param klTerm          mean of max(0, KL_t - kappa)
 * @param klPerPosition   KL per position averaged over the batch (T values; empty for the baseline)
 * @param learningRate    the learning rate used
 * @param gradNorm        global gradient norm before clipping
 * @param tokensPerSecond predicted positions per second of this step
 * @param msPerStep       wall time of this step
 */
public record TrainingEvent(int step, int totalSteps, double loss, double ce, double klMean, double klTerm,
                            float[] klPerPosition, double learningRate, double gradNorm, double tokensPerSecond,
                            double msPerStep) {
}
