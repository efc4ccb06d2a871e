package ftx.app.sweep;

import ftx.engine.analysis.ReviewsEvaluation;
import ftx.engine.analysis.SyntheticEvaluation;
import ftx.engine.sweep.RunOptions;
import ftx.engine.sweep.SweepRow;
import ftx.engine.sweep.SweepSpec;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.Task;
import ftx.engine.train.Trainer;

/** What one row of a grid costs on this computer, measured: training ms per step and one evaluation's seconds. */
record GridTiming(double msPerStep, double evaluationSeconds) {
    private static final int WARM = 6;
    private static final int TIMED = 10;

    static GridTiming measure(SweepSpec spec, SweepRow row) {
        RunOptions o = row.options();
        Task task = o.task();
        Trainer t = Trainer.start(o.modelConfig(task), task, o.trainingConfig());
        t.setThreads(spec.threadsPerRow());
        for (int i = 0; i < WARM; i++) {
            t.trainStep();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < TIMED; i++) {
            t.trainStep();
        }
        double ms = (System.nanoTime() - t0) / 1e6 / TIMED;
        long e0 = System.nanoTime();
        SyntheticEvaluation.Settings s = spec.evaluation().settings();
        if (task.name().equals(ReviewsTask.NAME)) {
            ReviewsEvaluation.run(t.model(), s);
        } else {
            SyntheticEvaluation.run(t.model(), s);
        }
        return new GridTiming(ms, (System.nanoTime() - e0) / 1e9);
    }
}
