package ftx.app.generate;

import java.util.Map;

/**
 * One generated sample read back into its task's generative factors: what the Generate page
 * writes beside the sample, and the decision that Z may carry (Fleuret 2025, "The Free
 * Transformer": the block's start in the synthetic task of section 4.1, the sentiment of the
 * motivating example of section 1). Made by a {@link TaskReading}.
 */
public sealed interface SampleReading permits SyntheticReading, ReviewReading {
    /** Whether the sample is what the task produces; only well-formed samples take part in agreement. */
    boolean wellFormed();

    /** The factors in a few words ("start 12, 3 noise", "good (opening 2)", "not a review"). */
    String label();

    /** Why the sample is not well formed ("" when it is). */
    String problem();

    /** The decision compared between samples (block start, sentiment); null when not well formed. */
    Object decision();

    /** The factors for the JSON export, in order (values are Boolean, Integer, String or int[]). */
    Map<String, Object> factors();
}
