package ftx.engine.analysis;

import ftx.engine.task.ReviewsTask;
import ftx.engine.task.Sample;
import ftx.engine.task.SyntheticFactors;
import ftx.engine.task.SyntheticTask;
import ftx.engine.task.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * The known factors of a task, read at each input position t of a sample (the position whose
 * Z_t the decoder uses to predict symbol t + 1), for the bit dictionary. The synthetic task has
 * four (Fleuret 2025, section 4.1): the block starts at t + 1, the block has started (its first
 * letter is at t or before), noise at t + 1, and the letter; the reviews task has its sentiment.
 * Other tasks (text files) have none.
 *
 * <p>A model may announce noise ahead of time: the 1-bit sample model's Z_t tells about noise at
 * t + 7 and t + 8, not at t + 1 (its bit 0: 0.08 nats against 0.00). So the synthetic task also
 * has the family "noise ahead", noise at t + k for k = 2..{@value #NOISE_LOOKAHEAD}.
 */
public final class PositionFactors {
    /**
     * One factor: its name, how many values it takes, and its value at input position t of a
     * sample. A factor of a family (non-null) is one of several readings of one question, of
     * which the dictionary keeps the most informative.
     */
    public record Factor(String name, int values, Reading reading, String family) {
        Factor(String name, int values, Reading reading) {
            this(name, values, reading, null);
        }
    }

    /** The value (0..values-1) of a factor at input position t of a sample. */
    @FunctionalInterface
    public interface Reading {
        int at(Sample sample, int t);
    }

    public static final String START_NEXT = "block starts next";
    public static final String STARTED = "block started";
    public static final String NOISE_NEXT = "noise next";
    public static final String LETTER = "letter";
    public static final String SENTIMENT = "sentiment";
    public static final String NOISE_AHEAD = "noise ahead";
    /** The farthest offset of the "noise ahead" family. */
    public static final int NOISE_LOOKAHEAD = 16;

    private PositionFactors() {
    }

    /** The factors of a task (empty when it has none known). */
    public static List<Factor> of(Task task) {
        if (task instanceof SyntheticTask) {
            int p = SyntheticTask.PROMPT_LENGTH;
            List<Factor> out = new ArrayList<>(List.of(
                    new Factor(START_NEXT, 2, (s, t) -> bool(SyntheticFactors.of(s).start() == t + 1 - p)),
                    new Factor(STARTED, 2, (s, t) -> bool(SyntheticFactors.of(s).start() <= t - p)),
                    new Factor(NOISE_NEXT, 2, (s, t) -> bool(SyntheticFactors.of(s).isNoise(t + 1 - p))),
                    new Factor(LETTER, SyntheticTask.LETTERS, (s, t) -> SyntheticFactors.of(s).letter() - 'A')));
            for (int k = 2; k <= NOISE_LOOKAHEAD; k++) {
                int ahead = k;
                out.add(new Factor("noise at t+" + k, 2, (s, t) -> bool(SyntheticFactors.of(s).isNoise(t + ahead - p)),
                        NOISE_AHEAD));
            }
            return out;
        }
        if (task instanceof ReviewsTask) {
            return List.of(new Factor(SENTIMENT, 2, (s, t) -> bool("good".equals(s.factors().get("sentiment")))));
        }
        return List.of();
    }

    private static int bool(boolean b) {
        return b ? 1 : 0;
    }
}
