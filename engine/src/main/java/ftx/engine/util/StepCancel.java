package ftx.engine.util;

/**
 * Checked between the blocks of a training pass, so that a pause or stop asked for in the middle
 * of a step takes effect within one block instead of one step. {@link #check} throws
 * {@link Cancelled} to abandon the pass; the caller then discards the step as if it had not
 * started (the weights are only changed after the pass).
 */
@FunctionalInterface
public interface StepCancel {
    /** Never cancels. */
    StepCancel NONE = () -> { };

    /** Throws {@link Cancelled} when the step should be abandoned. */
    void check();

    /** The pass was abandoned on request. */
    final class Cancelled extends RuntimeException {
        public Cancelled() {
            super("training step abandoned on request", null, false, false);
        }
    }
}
