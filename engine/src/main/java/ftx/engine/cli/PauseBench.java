package ftx.engine.cli;

import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.task.SyntheticTask;
import ftx.engine.train.RunControl;
import ftx.engine.train.Trainer;
import ftx.engine.train.TrainingConfig;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pause row of {@code ftx bench}: a run of the toy configuration trains on its own thread;
 * each timed run waits for a step to finish, waits a different fraction of the next step, asks
 * for a pause, and times how long until the training thread is parked; then resumes.
 */
final class PauseBench {
    private PauseBench() {
    }

    /** Milliseconds from pause() to the trainer parked, one per run after the warm-up ones. */
    static double[] latencies(int runs, int warmup, int batch, int d) throws InterruptedException {
        FreeTransformerConfig c = new FreeTransformerConfig(29, d, 4, 4, 3 * d, 8, 10000, 1e-5);
        TrainingConfig tc = new TrainingConfig(1_000_000, batch, 1e-3, 0, 0.1, 0.1, 0.9, 0.95, 1e-8, 1.0,
                0.125 * TrainingConfig.LOG2, 1, 0);
        Trainer trainer = Trainer.start(c, new SyntheticTask(), tc);
        RunControl control = new RunControl();
        AtomicInteger steps = new AtomicInteger();
        AtomicInteger stepMs = new AtomicInteger(100);
        Thread runner = new Thread(() -> {
            try {
                trainer.run(e -> {
                    stepMs.set((int) Math.max(1, e.msPerStep()));
                    steps.incrementAndGet();
                }, control, null);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, "ftx-bench-training");
        runner.setDaemon(true);
        runner.start();
        double[] ms = new double[runs];
        try {
            for (int i = -warmup; i < runs; i++) {
                int before = steps.get();
                while (steps.get() == before) {
                    Thread.sleep(1);
                }
                Thread.sleep((long) (stepMs.get() * ((i + warmup) * 0.37 % 0.9))); // somewhere in the next step
                long t0 = System.nanoTime();
                control.pause();
                while (!control.isWaiting()) {
                    Thread.onSpinWait();
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                control.resume();
            }
        } finally {
            control.stop();
            runner.join(30_000);
        }
        return ms;
    }
}
