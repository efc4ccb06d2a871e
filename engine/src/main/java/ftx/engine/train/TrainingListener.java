package ftx.engine.train;

import java.nio.file.Path;

/** Receives a run's progress on the training thread; implementations must return quickly. */
public interface TrainingListener {
    void onStep(TrainingEvent event);

    /** A checkpoint was written atomically. */
    default void onCheckpoint(int step, Path dir) {
    }

    /** A live probe measured what Z decides; called on the probe's own thread. */
    default void onProbe(ftx.engine.analysis.ProbeReading reading) {
    }

    /** A live probe failed (the run goes on); called on the probe's own thread. */
    default void onProbeFailed(String message) {
    }

    /** The run ended: finished, stopped, or diverged (then message says why). */
    default void onEnd(TrainingOutcome outcome) {
    }
}
