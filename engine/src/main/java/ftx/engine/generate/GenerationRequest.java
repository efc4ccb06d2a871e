package ftx.engine.generate;

/**
 * What to generate.
 *
 * @param prompts     B prompts of equal length (at least one symbol each), as token indices
 * @param newTokens   symbols to generate after each prompt
 * @param temperature softmax temperature; 0 means greedy
 * @param topK        sample among the k most likely symbols; 0 means all
 * @param seed        seed of the generation (Z draws and symbol sampling)
 * @param zPolicy     how each position's Z is chosen
 */
public record GenerationRequest(int[][] prompts, int newTokens, double temperature, int topK, long seed, ZPolicy zPolicy) {
    public GenerationRequest {
        if (prompts.length == 0) {
            throw new IllegalArgumentException("need at least one prompt");
        }
        for (int[] p : prompts) {
            if (p.length == 0 || p.length != prompts[0].length) {
                throw new IllegalArgumentException("prompts must be non-empty and of equal length");
            }
        }
        if (newTokens < 1) {
            throw new IllegalArgumentException("need at least one new symbol, got " + newTokens);
        }
        if (!(temperature >= 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0, got " + topK);
        }
        if (zPolicy == null) {
            throw new IllegalArgumentException("a Z policy is required (ZPolicy.prior() for the paper's generation)");
        }
    }
}
