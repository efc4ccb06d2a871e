package ftx.engine.model;

import java.util.Arrays;

/**
 * Where the free-bits hinge applies: four readings of the paper's "free bits" (Kingma et al.
 * 2016). SPEC section 3 applies it to every token of every sequence; Kingma et al. put the mean
 * over the minibatch inside the max, which read token-wise is the hinge per position on the
 * batch's mean KL. The others are offered to study what the hinge does; the default stays SPEC's.
 */
public enum KlBudget {
    /** {@code (1/T) sum_t max(0, KL_{b,t} - kappa)}, averaged over sequences: SPEC section 3. */
    PER_TOKEN("token", "per token (SPEC)"),
    /** {@code (1/T) sum_t max(0, mean_b KL_{b,t} - kappa)}: free bits averaged over the batch, after Kingma et al. */
    PER_POSITION("position", "per position, batch mean (Kingma)"),
    /** {@code max(0, (1/T) sum_t KL_{b,t} - kappa)}, averaged over sequences: one budget of T * kappa per sequence. */
    PER_SEQUENCE("sequence", "per sequence"),
    /** {@code max(0, mean_{b,t} KL_{b,t} - kappa)}: one budget for the whole batch. */
    GLOBAL("global", "one for the whole batch");

    private final String word;
    private final String label;

    KlBudget(String word, String label) {
        this.word = word;
        this.label = label;
    }

    /** The command line's name ("token", "position", "sequence", "global"). */
    public String word() {
        return word;
    }

    /** True if the hinge needs the whole batch's mean KL per position, not only each sequence's. */
    public boolean needsBatch() {
        return this == PER_POSITION || this == GLOBAL;
    }

    /** The reading named by its word; IllegalArgumentException listing the words otherwise. */
    public static KlBudget fromWord(String word) {
        return Arrays.stream(values()).filter(b -> b.word.equals(word)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--kl-budget must be one of "
                        + String.join(", ", Arrays.stream(values()).map(KlBudget::word).toList()) + ", got " + word));
    }

    /** A label for people (settings sheets, reports); checkpoints store {@link #name()}. */
    @Override
    public String toString() {
        return label;
    }
}
