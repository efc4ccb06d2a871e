package ftx.engine.task;

import ftx.engine.util.Rng;
import java.util.Map;

/**
 * A source of training sequences of fixed length over a {@link Vocabulary}, each starting with
 * a prompt of {@link #promptLength()} tokens (e.g. {@code c>} in the synthetic task of
 * Fleuret 2025, section 4.1). All randomness comes from the given {@link Rng}, so a seed fixes
 * the samples.
 */
public interface Task {
    /** Short identifier, stored in checkpoints. */
    String name();

    Vocabulary vocabulary();

    /** Tokens per sample, prompt included. */
    int sequenceLength();

    /** Tokens at the start of each sample that form its prompt. */
    int promptLength();

    /**
     * The CE per predicted position of a model that knows the task perfectly but has no Z (nats),
     * for the training chart's reference line; NaN when unknown (e.g. a text file).
     */
    default double entropyFloor() {
        return Double.NaN;
    }

    /** Draws one sample. */
    Sample sample(Rng rng);

    /** Draws {@code n} samples and returns their tokens, {@code n} rows of {@link #sequenceLength()}. */
    default int[][] batch(Rng rng, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("batch size must be non-negative, got " + n);
        }
        int[][] tokens = new int[n][];
        for (int i = 0; i < n; i++) {
            tokens[i] = sample(rng).tokens();
        }
        return tokens;
    }

    /**
     * JSON-able description to store in a checkpoint's config.json: {@code {"name": ..., params}}
     * with only strings, numbers and nested maps/lists.
     */
    Map<String, Object> describe();
}
