package ftx.app.testing;

import ftx.app.train.Preset;
import ftx.app.train.TrainSettings;

/** Settings for a run that trains in milliseconds per step, for UI and view-model tests. */
public final class TinyRun {
    private TinyRun() {
    }

    public static void apply(TrainSettings s, int steps) {
        Preset.TINY.applyTo(s);
        s.dModel = 16;
        s.ffnHidden = 32;
        s.batchSize = 4;
        s.steps = steps;
        s.warmupSteps = 5;
        s.saveEvery = 0;
    }
}
