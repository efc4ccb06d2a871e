package ftx.app.generate;

import ftx.engine.generate.ZPolicy;
import ftx.engine.util.Rng;

/**
 * The Z of every position of a Generate request, in this order:
 * <ol>
 *   <li>the paper's choice: the prompt keeps each sample's posterior, a generated position draws
 *       a fresh index from the uniform prior; the draw is always made, so that the generator's
 *       random stream (and with it every sampled symbol) stays aligned between two requests with
 *       the same seed whatever is pinned;</li>
 *   <li>a shared group replaces the fresh draw by its group's Z sequence (generated positions);</li>
 *   <li>a pinned index (&gt;= 0) replaces the result at its position, prompt included;</li>
 *   <li>"what does bit h do" then clears or sets bit h at every generated position.</li>
 * </ol>
 */
final class SteeringPolicy implements ZPolicy {
    private final int[][] sharedBySequence;
    private final int[] pins;
    private final int bit;
    private final boolean bitValue;

    /**
     * @param sharedBySequence per sequence its group's Z by position, or null for a fresh sample
     *                         (the array itself may be null: every sample fresh)
     * @param pins             index per position, -1 = free (may be shorter than the sequence)
     * @param bit              the bit to force at generated positions, -1 for none
     * @param bitValue         the forced value
     */
    SteeringPolicy(int[][] sharedBySequence, int[] pins, int bit, boolean bitValue) {
        this.sharedBySequence = sharedBySequence;
        this.pins = pins.clone();
        this.bit = bit;
        this.bitValue = bitValue;
    }

    @Override
    public int choose(int sequence, int position, int posteriorZ, int codes, Rng rng) {
        boolean generated = posteriorZ < 0;
        int z = generated ? rng.nextInt(codes) : posteriorZ;
        if (generated && sharedBySequence != null && sharedBySequence[sequence] != null) {
            z = sharedBySequence[sequence][position];
        }
        if (position < pins.length && pins[position] >= 0) {
            z = pins[position];
        }
        if (generated && bit >= 0) {
            z = bitValue ? z | (1 << bit) : z & ~(1 << bit);
        }
        return z;
    }
}
