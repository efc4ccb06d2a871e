package ftx.engine.generate;

import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.decode.IncrementalDecoder;
import ftx.engine.util.Rng;
import ftx.engine.util.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;

/**
 * Autoregressive generation with a KV cache (SPEC section 2, "Generation"): the prompt is
 * prefilled in one pass with its Z from the encoder run on the prompt alone (a posterior
 * sample), then each new position gets its Z from the policy, and its symbol is drawn with
 * temperature and top-k. All sequences of the request advance together; each symbol is
 * streamed to the listener as soon as it is drawn.
 */
public final class Generator {
    private Generator() {
    }

    public static GenerationResult generate(FreeTransformer model, GenerationRequest r, TokenListener listener) {
        FreeTransformerConfig c = model.config();
        int b = r.prompts().length;
        int p = r.prompts()[0].length;
        for (int[] prompt : r.prompts()) {
            for (int tok : prompt) {
                if (tok < 0 || tok >= c.vocabSize()) {
                    throw new IllegalArgumentException("prompt symbol index " + tok + " is outside 0.." + (c.vocabSize() - 1));
                }
            }
        }
        int inputs = p + r.newTokens() - 1; // the last symbol is never fed back
        Rng rng = new Rng(r.seed());
        IncrementalDecoder dec = new IncrementalDecoder(model, b, inputs);
        int[][] tokens = new int[b][p + r.newTokens()];
        int[][] z = new int[b][c.hasLatent() ? inputs : 0];
        for (int s = 0; s < b; s++) {
            System.arraycopy(r.prompts()[s], 0, tokens[s], 0, p);
        }
        float[][] logits;
        Object shape = java.util.List.of(c, b, p); // the prefill, the largest pass, is the scope's first
        try (MemoryWorkspace ws = Workspaces.open("ftx-generate-step", shape)) { // prompt prefill
            dec.lowerHalf(r.prompts());
            int[] zPrompt = new int[b * p];
            if (c.hasLatent()) {
                double[] u = new double[b * p * c.latentBits()];
                for (int i = 0; i < u.length; i++) {
                    u[i] = rng.nextDouble();
                }
                int[] posterior = dec.encodePending(u).z();
                for (int s = 0; s < b; s++) {
                    for (int t = 0; t < p; t++) {
                        zPrompt[s * p + t] = r.zPolicy().choose(s, t, posterior[s * p + t], c.latentCodes(), rng);
                        z[s][t] = zPrompt[s * p + t];
                    }
                }
            }
            logits = dec.upperHalf(zPrompt);
        }
        for (int k = 0; k < r.newTokens(); k++) {
            int pos = p + k;
            int[][] next = new int[b][1];
            for (int s = 0; s < b; s++) {
                next[s][0] = Sampler.draw(logits[s], r.temperature(), r.topK(), rng);
                tokens[s][pos] = next[s][0];
                listener.onToken(s, pos, next[s][0]);
            }
            if (k == r.newTokens() - 1) {
                break;
            }
            int[] zStep = new int[b];
            if (c.hasLatent()) {
                for (int s = 0; s < b; s++) {
                    zStep[s] = r.zPolicy().choose(s, pos, -1, c.latentCodes(), rng);
                    z[s][pos] = zStep[s];
                }
            }
            try (MemoryWorkspace ws = Workspaces.open("ftx-generate-step", shape)) { // one position per block
                dec.lowerHalf(next);
                logits = dec.upperHalf(zStep);
            }
        }
        return new GenerationResult(tokens, z, p);
    }
}
