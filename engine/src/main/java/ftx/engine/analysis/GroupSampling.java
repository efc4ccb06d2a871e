package ftx.engine.analysis;

import ftx.engine.generate.GenerationRequest;
import ftx.engine.generate.GenerationResult;
import ftx.engine.generate.Generator;
import ftx.engine.generate.TokenListener;
import ftx.engine.generate.ZPolicy;
import ftx.engine.model.FreeTransformer;
import ftx.engine.util.Rng;
import java.util.Arrays;

/**
 * The generations of the group method (Fleuret 2025, section 4.1, Figure 4): G groups of S
 * continuations of one prompt per group, either with a fresh Z from the uniform prior for every
 * sample at every generated position, or with one Z sequence per group drawn from the prior and
 * shared by its S samples (the prompt keeps each sample's posterior, as in
 * {@code ftx generate --z shared}).
 */
public final class GroupSampling {
    private GroupSampling() {
    }

    /**
     * Generates {@code prompts.length * perGroup} sequences, group by group (sample k of group i
     * at row {@code i * perGroup + k}), each its prompt followed by {@code newTokens} symbols.
     *
     * @param sharedZ null for fresh Z; else the generator the groups' shared Z are drawn from
     */
    static int[][] generate(FreeTransformer model, int[][] prompts, int perGroup, int newTokens, double temperature,
                            long seed, Rng sharedZ) {
        int g = prompts.length;
        int[][] rows = new int[g * perGroup][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = prompts[i / perGroup];
        }
        ZPolicy policy = ZPolicy.prior();
        if (sharedZ != null) {
            int[][] z = new int[g * perGroup][];
            for (int i = 0; i < g; i++) {
                int[] groupZ = sharedZ(sharedZ, prompts[i].length, prompts[i].length + newTokens - 1,
                        model.config().latentCodes());
                for (int k = 0; k < perGroup; k++) {
                    z[i * perGroup + k] = groupZ;
                }
            }
            policy = ZPolicy.pinnedPerSequence(z);
        }
        GenerationResult r = Generator.generate(model, new GenerationRequest(rows, newTokens, temperature, 0, seed, policy),
                TokenListener.NONE);
        return r.tokens();
    }

    /**
     * One group's shared Z over the input positions of a sequence: -1 (each sample's posterior)
     * at the prompt's positions, then codes drawn from the uniform prior with rng.
     */
    public static int[] sharedZ(Rng rng, int promptLength, int inputs, int codes) {
        int[] z = new int[inputs];
        Arrays.fill(z, 0, promptLength, -1);
        for (int t = promptLength; t < inputs; t++) {
            z[t] = rng.nextInt(codes);
        }
        return z;
    }
}
