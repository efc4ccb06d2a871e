package ftx.engine.analysis;

/**
 * What the encoder says about one position of a sequence.
 *
 * @param token            the symbol index at this position
 * @param bitProbabilities p_h = sigmoid(l_h) for h = 0..H-1 (bit 0 least significant)
 * @param kl               KL of this position's bits against the uniform prior, nats
 * @param sampledZ         Z drawn from the posterior (u_h < p_h)
 * @param mostLikelyZ      the posterior's mode (bit h set where p_h > 1/2)
 */
public record PositionCode(int token, float[] bitProbabilities, double kl, int sampledZ, int mostLikelyZ) {
}
