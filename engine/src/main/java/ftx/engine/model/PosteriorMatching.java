package ftx.engine.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Aggregate-posterior matching, a study lever against codes the prior seldom draws: with
 * {@code q_th} the batch's mean probability of bit h at position t, the term
 * {@code lambda (1/T) sum_t sum_h KL(Bernoulli(q_th) || Bernoulli(1/2))} pulls the codes the
 * encoder uses, taken over the batch, toward the uniform prior's; each sequence's own posterior
 * may stay sharp. Its gradient on the bit logits is {@code lambda/N logit(q_th) p (1 - p)} for the
 * N = B*T tokens of a pass, so that shards weighted by their share of the sequences add up to the
 * batch's.
 */
final class PosteriorMatching {
    /** q is kept this far from 0 and 1, where logit(q) is infinite. */
    private static final double EDGE = 1e-9;

    private PosteriorMatching() {
    }

    /** The bit probabilities [B*T, H] (sequence-major) summed over the sequences: [T*H], position-major. */
    static double[] sums(INDArray probs, int sequences) {
        long perSequence = probs.length() / sequences;
        return probs.reshape('c', sequences, perSequence).sum(0).castTo(DataType.DOUBLE).data().asDouble();
    }

    /** The term from the batch's mean probabilities q [T*H], for T positions. */
    static double term(double[] q, double lambda, int positions) {
        double sum = 0;
        for (double p : q) {
            double c = clamp(p);
            sum += Math.log(2) + c * Math.log(c) + (1 - c) * Math.log(1 - c);
        }
        return lambda * sum / positions;
    }

    /** d term / d bit logits [B*T, H] of this pass, from its probabilities and the batch's q [T*H]. */
    static INDArray gradient(INDArray probs, double[] q, double lambda, int sequences) {
        double[] logit = new double[q.length];
        for (int i = 0; i < q.length; i++) {
            double c = clamp(q[i]);
            logit[i] = lambda / probs.size(0) * Math.log(c / (1 - c));
        }
        INDArray slope = probs.mul(probs.rsub(1.0)).reshape('c', sequences, q.length);
        return slope.muliRowVector(Nd4j.createFromArray(logit).castTo(probs.dataType())).reshape('c', probs.size(0),
                probs.size(1));
    }

    private static double clamp(double p) {
        return Math.min(1 - EDGE, Math.max(EDGE, p));
    }
}
