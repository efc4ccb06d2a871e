package ftx.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

    /** The hinge term averaged over all N = B*T tokens (PER_TOKEN) or over the B sequences (PER_SEQUENCE). */
    static double term(INDArray klPerToken, double kappa, KlBudget budget, int sequences) {
        INDArray hinged = budget == KlBudget.PER_TOKEN ? klPerToken : perSequence(klPerToken, sequences);
        return Transforms.relu(hinged.sub(kappa), false).sumNumber().doubleValue() / hinged.size(0);
    }

    /** d term / d logits: (1/N) [hinge active] * l * p (1 - p), the hinge of the token or of its sequence. */
    static INDArray gradient(INDArray logits, INDArray probs, INDArray klPerToken, double kappa, KlBudget budget,
                             int sequences) {
        INDArray active;
        if (budget == KlBudget.PER_TOKEN) {
            active = klPerToken.gt(kappa).castTo(logits.dataType()); // [N, 1]
        } else {
            INDArray seq = perSequence(klPerToken, sequences).gt(kappa).castTo(logits.dataType()); // [B, 1]
            long t = klPerToken.size(0) / sequences;
            active = Nd4j.zeros(logits.dataType(), sequences, t).addiColumnVector(seq).reshape('c', sequences * t, 1);
        }
        active.divi(logits.size(0));
        return logits.mul(probs).muli(probs.rsub(1.0)).muliColumnVector(active);
    }

    /** Mean KL of each sequence [B, 1] from the per-token KL [B*T, 1] (sequence-major). */
    private static INDArray perSequence(INDArray klPerToken, int sequences) {
        return klPerToken.reshape('c', sequences, klPerToken.size(0) / sequences).mean(true, 1);
    }

    /** softplus(x) = max(x, 0) + log(1 + exp(-|x|)), finite for every x. */
    static INDArray softplus(INDArray x) {
        INDArray tail = Transforms.log(Transforms.exp(Transforms.abs(x, true).negi(), false).addi(1.0), false);
        return Transforms.relu(x, true).addi(tail);
    }
}
