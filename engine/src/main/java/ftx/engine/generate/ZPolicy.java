package ftx.engine.generate;

import ftx.engine.util.Rng;

/**
 * Chooses the latent index Z_t of one position during generation. Prompt positions come with
 * the encoder's posterior sample; generated positions have none (-1).
 */
@FunctionalInterface
public interface ZPolicy {
    /**
     * @param sequence   which sequence of the batch
     * @param position   input position (0-based, prompt included)
     * @param posteriorZ the encoder's sample for a prompt position, -1 for a generated one
     * @param codes      2^H
     * @param rng        the generation's generator
     */
    int choose(int sequence, int position, int posteriorZ, int codes, Rng rng);

    /** The paper's generation: the prompt's posterior, then a fresh Z from the uniform prior per position. */
    static ZPolicy prior() {
        return (s, t, posterior, codes, rng) -> posterior >= 0 ? posterior : rng.nextInt(codes);
    }

    /**
     * Pins Z where zByPosition[t] >= 0 (for every sequence), the {@link #prior()} elsewhere: use it
     * for a typed index, an edited code, or the posterior of a reference sequence.
     */
    static ZPolicy pinned(int[] zByPosition) {
        int[] z = zByPosition.clone();
        return (s, t, posterior, codes, rng) -> t < z.length && z[t] >= 0 ? z[t] : prior().choose(s, t, posterior, codes, rng);
    }

    /** Per-sequence pins: zBySequence[s][t] >= 0 pins, otherwise the prior. */
    static ZPolicy pinnedPerSequence(int[][] zBySequence) {
        int[][] z = new int[zBySequence.length][];
        for (int i = 0; i < z.length; i++) {
            z[i] = zBySequence[i].clone();
        }
        return (s, t, posterior, codes, rng) -> t < z[s].length && z[s][t] >= 0 ? z[s][t]
                : prior().choose(s, t, posterior, codes, rng);
    }
}
