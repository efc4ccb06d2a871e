package ftx.engine.train;

import java.nio.file.Path;

/** Receives a run's progress on the training thread; implementations must return quickly. */
public interface TrainingListener {
    void onStep(TrainingEvent event);

    /** A checkpoint was written atomically. */
    default void onCheckpoint(int step, Path dir) {
    }

    /** The run ended: finished, stopped, or diverged (then message says why). */
    default void onEnd(TrainingOutcome outcome) {
    }
}
