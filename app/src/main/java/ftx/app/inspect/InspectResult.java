package ftx.app.inspect;

import ftx.engine.analysis.PositionCode;
import java.util.List;

/**
 * The encoder's reading of one sequence, as shown by the Inspect view.
 *
 * @param text      the sequence
 * @param codes     per position: bit probabilities, KL, sampled and most likely Z
 * @param latentBits H
 * @param kappaNats the model's free-bits budget per token (NaN if the checkpoint does not say)
 * @param factors   the known generative factors of a task sample ("" for typed text)
 */
public record InspectResult(String text, List<PositionCode> codes, int latentBits, double kappaNats, String factors) {

    /** KL summed over the sequence, nats. */
    public double klTotal() {
        return codes.stream().mapToDouble(PositionCode::kl).sum();
    }

    /** The information Z carries about the sequence, in bits (KL total / log 2). */
    public double bitsUsed() {
        return klTotal() / Math.log(2);
    }

    /** The Z index shown at a position: the posterior sample or the most likely code. */
    public int zAt(int position, boolean mostLikely) {
        PositionCode c = codes.get(position);
        return mostLikely ? c.mostLikelyZ() : c.sampledZ();
    }
}
