package ftx.engine.inside;

/**
 * One code of a traversal at position t.
 *
 * @param code         the code at t, 0..2^H-1
 * @param posterior    its probability under the encoder's posterior at t
 * @param probs        the next-symbol distribution at t with this code [V]
 * @param continuation the greedy continuation after position t, k symbol indices
 */
public record TraversalRow(int code, double posterior, double[] probs, int[] continuation) {
}
