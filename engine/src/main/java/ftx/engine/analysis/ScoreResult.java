package ftx.engine.analysis;

/**
 * How well the model predicts a sequence given chosen Z indices.
 *
 * @param logProbs log-probability (nats) of the actual next symbol at each input position
 * @param ce       mean cross-entropy, nats per predicted position
 */
public record ScoreResult(double[] logProbs, double ce) {
}
