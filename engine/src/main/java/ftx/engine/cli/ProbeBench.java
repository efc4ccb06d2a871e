package ftx.engine.cli;

import ftx.engine.analysis.ZProbe;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.task.SyntheticTask;
import ftx.engine.train.RunControl;
import ftx.engine.train.Trainer;
import ftx.engine.train.TrainingConfig;
import ftx.engine.train.TrainingListener;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The train-probe rows of {@code ftx bench}: the Train page's default model (D=64, L=4, F=192,
 * H=8, batch 32) trains for windows of a fixed wall time, alternately without and with the live
 * probe at its default interval (5 s), so both modes meet the same machine load; each window
 * gives its wall ms per step (the probe's snapshots and its competition for the cores included).
 * An untimed window first warms up the JIT of both the training and the probe.
 */
final class ProbeBench {
    static final int BATCH = 32;

    private ProbeBench() {
    }

    /** {off ms/step per window, on ms/step per window}. */
    static double[][] windows(int runs, double seconds) throws Exception {
        window(true, seconds); // warm-up of training and probing
        double[][] ms = new double[2][runs];
        for (int i = 0; i < runs; i++) {
            ms[0][i] = window(false, seconds);
            ms[1][i] = window(true, seconds);
        }
        return ms;
    }

    private static double window(boolean probe, double seconds) throws Exception {
        FreeTransformerConfig c = new FreeTransformerConfig(29, 64, 4, 4, 192, 8, 10000, 1e-5);
        TrainingConfig tc = new TrainingConfig(1_000_000, BATCH, 1e-3, 100, 0.1, 0.1, 0.9, 0.95, 1e-8, 1.0,
                TrainingConfig.LOG2, 1, 0);
        Trainer t = Trainer.start(c, new SyntheticTask(), tc);
        if (probe) {
            t.setProbe(5, ZProbe.Settings.defaults());
        }
        RunControl control = new RunControl();
        AtomicInteger steps = new AtomicInteger();
        long[] first = {0};
        TrainingListener count = e -> {
            if (steps.getAndIncrement() == 0) {
                first[0] = System.nanoTime(); // from the end of the first step: it sizes the memory scopes
            }
        };
        Thread stopper = new Thread(() -> {
            try {
                Thread.sleep((long) (seconds * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            control.stop();
        }, "ftx-bench-stop");
        stopper.setDaemon(true);
        stopper.start();
        t.run(count, control, null);
        long end = System.nanoTime();
        return (end - first[0]) / 1e6 / Math.max(1, steps.get() - 1);
    }
}
