package ftx.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The KL of the posterior bits against the uniform prior and the free-bits hinge (SPEC
 * section 3): {@code KL_t = sum_h (log 2 - h_b(p_th))}, term {@code (1/N) sum_t max(0, KL_t - kappa)}.
 * Written with softplus so that saturated bits stay finite: {@code log p = -softplus(-l)}.
 */
final class FreeBitsKl {
    private static final double LOG2 = Math.log(2.0);

    private FreeBitsKl() {
    }

    /** KL per token [N, 1] from bit logits [N, H] and probabilities [N, H]. */
    static INDArray perToken(INDArray logits, INDArray probs) {
        INDArray logP = softplus(logits.neg()).negi();
        INDArray log1mP = softplus(logits).negi();
        INDArray negEntropy = probs.mul(logP).addi(probs.rsub(1.0).muli(log1mP)); // -h_b(p)
        return negEntropy.addi(LOG2).sum(true, 1); // [N, 1]
    }

    /** The hinge term averaged over all N tokens. */
    static double term(INDArray klPerToken, double kappa) {
        return Transforms.relu(klPerToken.sub(kappa), false).sumNumber().doubleValue() / klPerToken.size(0);
    }

    /** d term / d logits: (1/N) [KL_t > kappa] * l * p (1 - p). */
    static INDArray gradient(INDArray logits, INDArray probs, INDArray klPerToken, double kappa) {
        INDArray active = klPerToken.gt(kappa).castTo(logits.dataType()).divi(logits.size(0)); // [N, 1]
        return logits.mul(probs).muli(probs.rsub(1.0)).muliColumnVector(active);
    }

    /** softplus(x) = max(x, 0) + log(1 + exp(-|x|)), finite for every x. */
    static INDArray softplus(INDArray x) {
        INDArray tail = Transforms.log(Transforms.exp(Transforms.abs(x, true).negi(), false).addi(1.0), false);
        return Transforms.relu(x, true).addi(tail);
    }
}
