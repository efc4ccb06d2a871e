package ftx.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The KL of the posterior bits against the uniform prior and the free-bits hinge (SPEC
 * section 3): {@code KL_t = sum_h (log 2 - h_b(p_th))}, term {@code (1/N) sum_t max(0, KL_t - kappa)}
 * or one of the other readings of {@link KlBudget}.
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

    /** The hinge term, this pass being the whole batch. */
    static double term(INDArray klPerToken, double kappa, KlBudget budget, int sequences) {
        return term(klPerToken, kappa, budget, 0, sequences, batchMean(klPerToken, budget, sequences));
    }

    /** The hinge (gamma 0) or two-sided term, this pass being the whole batch. */
    static double term(INDArray klPerToken, double kappa, KlBudget budget, double gamma, int sequences) {
        return term(klPerToken, kappa, budget, gamma, sequences, batchMean(klPerToken, budget, sequences));
    }

    /**
     * The hinge term ({@link KlBudget}): over the N = B*T tokens, the B sequences, the T positions of
     * the batch's mean, or that mean's mean; batchMean is the batch's mean KL per position (null
     * when the budget does not need it). With gamma > 0, each {@code max(0, x - kappa)} becomes the
     * two-sided {@code gamma |x - kappa|}.
     */
    static double term(INDArray klPerToken, double kappa, KlBudget budget, double gamma, int sequences,
                       double[] batchMean) {
        switch (budget) {
            case PER_TOKEN, PER_SEQUENCE -> {
                INDArray hinged = budget == KlBudget.PER_TOKEN ? klPerToken : perSequence(klPerToken, sequences);
                INDArray gap = hinged.sub(kappa);
                INDArray cost = gamma > 0 ? Transforms.abs(gap, false).muli(gamma) : Transforms.relu(gap, false);
                return cost.sumNumber().doubleValue() / hinged.size(0);
            }
            case PER_POSITION -> {
                double sum = 0;
                for (double m : batchMean) {
                    sum += cost(m - kappa, gamma);
                }
                return sum / batchMean.length;
            }
            default -> {
                return cost(mean(batchMean) - kappa, gamma);
            }
        }
    }

    private static double cost(double gap, double gamma) {
        return gamma > 0 ? gamma * Math.abs(gap) : Math.max(0, gap);
    }

    /** d cost / d gap: 1 above kappa for the hinge, gamma sign(gap) for the two-sided target. */
    private static double slope(double gap, double gamma) {
        return gamma > 0 ? gamma * Math.signum(gap) : gap > 0 ? 1 : 0;
    }

    /** d term / d logits, this pass being the whole batch. */
    static INDArray gradient(INDArray logits, INDArray probs, INDArray klPerToken, double kappa, KlBudget budget,
                             int sequences) {
        return gradient(logits, probs, klPerToken, kappa, budget, 0, sequences, batchMean(klPerToken, budget, sequences));
    }

    /** d term / d logits of the hinge (gamma 0) or two-sided term, this pass being the whole batch. */
    static INDArray gradient(INDArray logits, INDArray probs, INDArray klPerToken, double kappa, KlBudget budget,
                             double gamma, int sequences) {
        return gradient(logits, probs, klPerToken, kappa, budget, gamma, sequences,
                batchMean(klPerToken, budget, sequences));
    }

    /**
     * d term / d logits of this pass: (1/N) [hinge active] * l * p (1 - p), the hinge of the token,
     * of its sequence, of its position's batch mean, or of the batch; for the two-sided target
     * gamma sign(x - kappa) in place of [hinge active]. Scaled by this pass's N, so that shards
     * weighted by their share of the sequences add up to the batch's gradient.
     */
    static INDArray gradient(INDArray logits, INDArray probs, INDArray klPerToken, double kappa, KlBudget budget,
                             double gamma, int sequences, double[] batchMean) {
        long t = klPerToken.size(0) / sequences;
        INDArray active = switch (budget) {
            case PER_TOKEN -> slopes(klPerToken, kappa, gamma); // [N, 1]
            case PER_SEQUENCE -> perToken(slopes(perSequence(klPerToken, sequences), kappa, gamma), sequences, t);
            case PER_POSITION -> {
                double[] on = new double[batchMean.length];
                for (int i = 0; i < on.length; i++) {
                    on[i] = slope(batchMean[i] - kappa, gamma);
                }
                yield Nd4j.zeros(logits.dataType(), sequences, t).addiRowVector(Nd4j.createFromArray(on)
                        .castTo(logits.dataType())).reshape('c', sequences * t, 1);
            }
            case GLOBAL -> Nd4j.zeros(logits.dataType(), sequences * t, 1).addi(slope(mean(batchMean) - kappa, gamma));
        };
        active.divi(logits.size(0));
        return logits.mul(probs).muli(probs.rsub(1.0)).muliColumnVector(active);
    }

    /** The slope of each entry's cost: [x > kappa] for the hinge, gamma sign(x - kappa) two-sided. */
    private static INDArray slopes(INDArray kl, double kappa, double gamma) {
        return gamma > 0 ? Transforms.sign(kl.sub(kappa), false).muli(gamma) : kl.gt(kappa).castTo(kl.dataType());
    }

    /** KL summed over the sequences, per position [T], from the per-token KL [B*T, 1] (sequence-major). */
    static double[] sumPerPosition(INDArray klPerToken, int sequences) {
        return klPerToken.reshape('c', sequences, klPerToken.size(0) / sequences).sum(0).castTo(
                org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
    }

    private static double[] batchMean(INDArray klPerToken, KlBudget budget, int sequences) {
        return budget.needsBatch() ? KlExchange.WHOLE_BATCH.batchMean(sumPerPosition(klPerToken, sequences), sequences)
                : null;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    /** A per-sequence column [B, 1] repeated over each sequence's T tokens [B*T, 1]. */
    private static INDArray perToken(INDArray perSequence, int sequences, long t) {
        return Nd4j.zeros(perSequence.dataType(), sequences, t).addiColumnVector(perSequence).reshape('c', sequences * t, 1);
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
