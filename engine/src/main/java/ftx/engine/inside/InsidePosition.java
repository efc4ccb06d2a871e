package ftx.engine.inside;

import java.util.List;

/**
 * The next-symbol numbers at one position t (row t of the logits: the symbol after t).
 *
 * @param position  t, counted from 0 over the whole sequence, prompt included
 * @param encoderZ  the distribution with Z as chosen [V]
 * @param priorMean with Z_0..Z_t from the prior: the mean over the draws [V] (null for the baseline)
 * @param priorStd  and its standard deviation [V] (null for the baseline)
 * @param code      the code set at t, or null
 * @param codeProbs the distribution with that code at t (shared: at 0..t), the others as chosen [V] (null
 *                  without a code)
 * @param traversal every code at t (at most 256), most probable under the posterior first
 * @param shared    true when each traversed code was set at every position 0..t, false when only at t
 */
public record InsidePosition(int position, double[] encoderZ, double[] priorMean, double[] priorStd, Integer code,
                             double[] codeProbs, List<TraversalRow> traversal, boolean shared) {
}
