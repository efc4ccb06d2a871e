package ftx.engine.train;

/**
 * How a run ended.
 *
 * @param status      FINISHED (all steps), STOPPED (by request) or DIVERGED (non-finite loss)
 * @param step        steps completed with a good update
 * @param message     a sentence for the user
 * @param lastSavedStep the step of the last checkpoint written, or -1
 */
public record TrainingOutcome(Status status, int step, String message, int lastSavedStep) {
    public enum Status { FINISHED, STOPPED, DIVERGED }
}
