package ftx.app.sweep;

/**
 * A sweep row as the Sweep page lists it.
 *
 * @param name        the row's name
 * @param state       queued, running, done or failed
 * @param step        steps done (where the runner reports it)
 * @param totalSteps  steps of the row
 * @param secondsLeft estimated seconds left, NaN when unknown
 * @param where       where it runs or ran
 * @param message     what happened (a failed row's reason)
 */
public record RowState(String name, String state, int step, int totalSteps, double secondsLeft, String where,
                       String message) {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    public String progress() {
        if (state.equals(RUNNING) && step > 0) {
            return step + " / " + totalSteps + (Double.isNaN(secondsLeft) ? "" : ", " + Math.round(secondsLeft) + " s left");
        }
        return state.equals(DONE) && totalSteps > 0 ? totalSteps + " / " + totalSteps : "";
    }
}
