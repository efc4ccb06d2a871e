package ftx.engine.train;

import ftx.engine.analysis.ProbeReading;
import ftx.engine.analysis.ZProbe;
import ftx.engine.model.FreeTransformer;
import ftx.engine.task.Task;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Runs {@link ZProbe} on a copy of the weights while a run trains, on its own thread, so the
 * optimizer's thread only pauses for the copy. A probe starts after every {@code interval}
 * seconds of training (pauses do not count), never while another is running, and never sooner
 * after the last one ended than nine times the shortest probe so far (the first, slower while the
 * JIT compiles its code, does not count): the probe takes at most about a tenth of the machine's
 * time, whatever the model's size. Its randomness comes from the run's seed and the
 * step, never from the run's generator, so it cannot change what the run computes.
 */
final class LiveProbe {
    /** The most of the wall time probes may take (they compete with training for the cores). */
    static final double MAX_SHARE = 0.10;
    private final double intervalSeconds;
    private final ZProbe.Settings settings;
    private final long seed;
    private long trainedNanos;
    private long trainedSinceProbe;
    private volatile long quietUntil;
    private volatile long shortest = Long.MAX_VALUE;
    private volatile int probes;
    private int lastProbedStep = -1;
    private Thread running;

    LiveProbe(double intervalSeconds, ZProbe.Settings settings, long seed) {
        if (!(intervalSeconds >= 0) || !Double.isFinite(intervalSeconds)) {
            throw new IllegalArgumentException("the probe interval must be >= 0 seconds, got " + intervalSeconds);
        }
        this.intervalSeconds = intervalSeconds;
        this.settings = settings;
        this.seed = seed;
    }

    /** After a step of stepNanos: starts a probe of the model at this step if one is due. */
    void afterStep(FreeTransformer model, Task task, int step, long stepNanos, Sink sink) {
        trainedNanos += stepNanos;
        trainedSinceProbe += stepNanos;
        if (trainedSinceProbe < intervalSeconds * 1e9 || isRunning() || System.nanoTime() < quietUntil) {
            return;
        }
        trainedSinceProbe = 0;
        FreeTransformer copy = snapshot(model);
        lastProbedStep = step;
        running = new Thread(() -> probe(copy, task, step, sink), "ftx-probe");
        running.setDaemon(true);
        running.setPriority(Thread.MIN_PRIORITY);
        running.start();
    }

    /**
     * At the end of a run: waits for a probe in flight and, when the run finished and trained for
     * at least one interval since its last probe, probes the final weights (on this thread).
     */
    void finish(FreeTransformer model, Task task, int step, boolean finished, Sink sink)
            throws InterruptedException {
        if (running != null) {
            running.join();
        }
        if (finished && step != lastProbedStep && trainedNanos >= intervalSeconds * 1e9) {
            lastProbedStep = step;
            probe(snapshot(model), task, step, sink);
        }
    }

    private boolean isRunning() {
        return running != null && running.isAlive();
    }

    private void probe(FreeTransformer model, Task task, int step, Sink sink) {
        long t0 = System.nanoTime();
        try {
            ProbeReading r = ZProbe.measure(model, task, step, settings, seed * 1_000_003L + step);
            quiet(t0);
            sink.reading(r);
        } catch (RuntimeException | OutOfMemoryError e) {
            quiet(t0);
            sink.failed("the probe at step " + step + " failed: " + e);
        }
    }

    private void quiet(long t0) {
        long now = System.nanoTime();
        if (probes++ > 0) {
            shortest = Math.min(shortest, now - t0);
            quietUntil = now + (long) (shortest * (1 / MAX_SHARE - 1));
        }
    }

    /** Where readings go (from the probe's thread, or the training thread at the end). */
    interface Sink {
        void reading(ProbeReading r);

        void failed(String message);
    }

    /** Keeps each reading in the run's list (saved with its checkpoint) and tells the listener. */
    static Sink sink(java.util.List<ProbeReading> kept, TrainingListener listener) {
        return new Sink() {
            @Override
            public void reading(ProbeReading r) {
                kept.add(r);
                listener.onProbe(r);
            }

            @Override
            public void failed(String message) {
                listener.onProbeFailed(message);
            }
        };
    }

    private static FreeTransformer snapshot(FreeTransformer model) {
        return new FreeTransformer(model.config(), model.parameters().copy(DataType.FLOAT), model.maxPositions());
    }
}
