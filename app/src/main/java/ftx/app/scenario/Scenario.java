package ftx.app.scenario;

import java.util.Map;

/**
 * The app's state as a teacher shares it: the model, the page, Generate's settings and pins, the
 * sequence on Inspect with its flipped bits, and the lesson step. Opening it on the same machine
 * gives the same samples bit for bit (same model, same settings, same seed).
 *
 * @param model    the bundled model's folder name, or a checkpoint folder's path
 * @param bundled  true when model names a folder of sample-models/
 * @param page     the page shown
 * @param generate Generate's state, null when it has none
 * @param inspect  Inspect's state, null when it has none
 * @param lesson   the lesson and its step, null when none is open
 */
public record Scenario(String model, boolean bundled, String page, Generate generate, Inspect inspect, LessonStep lesson) {
    /** The file's "format" value. */
    public static final String FORMAT = "ftx-scenario";
    public static final int VERSION = 1;

    /**
     * Generate's settings; pins as the Pinned Z field reads them; bit = the h of "What does bit h
     * do?"; shown = what was on the page ("figure4", "bit-pair" or "none"), shown again on opening.
     */
    public record Generate(String prompt, double temperature, long seed, int groups, int samplesPerGroup, int newSymbols,
                           String pins, int bit, String shown) {
    }

    /** The sequence on Inspect, its sample seed, the most-likely switch, and the codes the user edited. */
    public record Inspect(String text, long seed, boolean mostLikely, Map<Integer, Integer> edits) {
        public Inspect {
            edits = Map.copyOf(edits);
        }
    }

    /** A lesson file and its 0-based step. */
    public record LessonStep(String file, int step) {
    }
}
