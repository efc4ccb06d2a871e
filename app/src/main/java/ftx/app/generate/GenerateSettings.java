package ftx.app.generate;

import ftx.engine.ModelHandle;
import java.util.Locale;

/**
 * One Generate request as the user set it: the prompt, the sampling settings and the Figure 4
 * layout (G groups sharing Z, S samples per group, plus one group with fresh Z).
 *
 * @param prompt          the prompt text ("A>" for the synthetic task), at least one symbol
 * @param temperature     softmax temperature, 0 = greedy
 * @param seed            seed of the generation: the same seed gives the same samples
 * @param groups          G, the number of groups whose samples share one Z sequence
 * @param samplesPerGroup S, samples in every group (the fresh group too)
 * @param newSymbols      symbols generated after the prompt
 */
public record GenerateSettings(String prompt, double temperature, long seed, int groups, int samplesPerGroup,
                               int newSymbols) {
    /** Largest G and S the page offers (keeps one request at a few hundred sequences). */
    public static final int MAX_GROUPS = 16;
    public static final int MAX_SAMPLES = 16;

    /**
     * Checks the settings against a model and returns the prompt's tokens.
     *
     * @throws IllegalArgumentException with a message for the user naming the bad value
     */
    public int[] validate(ModelHandle model) {
        if (prompt == null || prompt.isEmpty()) {
            throw new IllegalArgumentException("the prompt is empty: give at least one symbol");
        }
        if (!(temperature >= 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a number >= 0, got " + temperature);
        }
        if (groups < 1 || groups > MAX_GROUPS) {
            throw new IllegalArgumentException("groups G must be in 1.." + MAX_GROUPS + ", got " + groups);
        }
        if (samplesPerGroup < 1 || samplesPerGroup > MAX_SAMPLES) {
            throw new IllegalArgumentException("samples per group S must be in 1.." + MAX_SAMPLES + ", got " + samplesPerGroup);
        }
        int[] tokens = model.vocabulary().encode(prompt); // UnknownSymbolException names the symbols
        int max = model.model().maxPositions() - tokens.length;
        if (newSymbols < 1 || newSymbols > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "new symbols must be in 1..%d (the model handles %d positions, the prompt has %d), got %d", max,
                    model.model().maxPositions(), tokens.length, newSymbols));
        }
        return tokens;
    }

    /** Input positions of every sequence: prompt + new symbols - 1 (the last symbol is never fed back). */
    public int inputs() {
        return prompt.length() + newSymbols - 1;
    }
}
