package ftx.engine.model;

/**
 * Where the free-bits hinge applies. The paper and SPEC section 3 apply it to every token
 * before averaging; the per-sequence budget is a deviation, offered as a training option to
 * study what the per-token hinge does, never the default.
 */
public enum KlBudget {
    /** {@code (1/T) sum_t max(0, KL_t - kappa)}: SPEC section 3, the paper. */
    PER_TOKEN("per token (the paper)"),
    /** {@code max(0, (1/T) sum_t KL_t - kappa)}: one budget of T * kappa per sequence (not the paper). */
    PER_SEQUENCE("per sequence (not the paper)");

    private final String label;

    KlBudget(String label) {
        this.label = label;
    }

    /** A label for people (settings sheets, reports); checkpoints store {@link #name()}. */
    @Override
    public String toString() {
        return label;
    }
}
