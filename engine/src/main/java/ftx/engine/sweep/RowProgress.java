package ftx.engine.sweep;

/** A row's training progress, as often as its runner can tell (every step in process; every heartbeat from Spark). */
@FunctionalInterface
public interface RowProgress {
    RowProgress NONE = (step, total, msPerStep) -> { };

    void step(int step, int totalSteps, double msPerStep);
}
