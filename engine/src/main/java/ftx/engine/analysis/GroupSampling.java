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
final class GroupSampling {
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
                int p = prompts[i].length;
                int[] groupZ = new int[p + newTokens - 1]; // one Z per input position of the full sequence
                Arrays.fill(groupZ, 0, p, -1); // prompt positions: each sample's posterior
                for (int t = p; t < groupZ.length; t++) {
                    groupZ[t] = sharedZ.nextInt(model.config().latentCodes());
                }
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
}
