package ftx.app.train;

import ftx.engine.analysis.ProbeReading;
import ftx.engine.analysis.ZProbe;
import ftx.engine.checkpoint.Checkpoint;
import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.task.CharTextTask;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.SyntheticTask;
import ftx.engine.task.Task;
import ftx.engine.task.Tasks;
import ftx.engine.train.RunControl;
import ftx.engine.train.Trainer;
import ftx.engine.train.TrainingEvent;
import ftx.engine.train.TrainingListener;
import ftx.engine.train.TrainingOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One training run on its own thread. The engine reports on that thread; events queue here and
 * the UI drains them once per frame ({@link #drain()}), so the FX thread never waits on training
 * and never gets one update per step. Pause, step, save and stop go through the engine's
 * {@link RunControl} and take effect between steps.
 */
public final class TrainingSession {
    private final Trainer trainer;
    private final Path saveDir;
    private final RunControl control = new RunControl();
    private final ConcurrentLinkedQueue<TrainingEvent> events = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> notices = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ProbeReading> probes = new ConcurrentLinkedQueue<>();
    private volatile TrainingOutcome outcome;
    private volatile int lastSavedStep = -1;
    private Thread thread;

    private TrainingSession(Trainer trainer, Path saveDir) {
        this.trainer = trainer;
        this.saveDir = saveDir;
    }

    /** A new run from the settings (throws IllegalArgumentException with the engine's message if invalid). */
    public static TrainingSession create(TrainSettings s, Path saveDir) {
        String problem = s.validate();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Task task = switch (s.task) {
            case TEXT_FILE -> CharTextTask.fromFile(s.textFile, s.sequenceLength);
            case REVIEWS -> new ReviewsTask();
            case SYNTHETIC -> new SyntheticTask();
        };
        return probed(new TrainingSession(Trainer.start(s.modelConfig(task.vocabulary().size()), task, s.trainingConfig()),
                saveDir), s.probeSeconds);
    }

    /** Turns the live probe on every probeSeconds of training (0: off). */
    private static TrainingSession probed(TrainingSession s, double probeSeconds) {
        s.trainer.setProbe(probeSeconds, probeSeconds > 0 ? ZProbe.Settings.defaults() : null);
        return s;
    }

    /** Continues a saved run in its own folder, probing every probeSeconds (0: off). */
    public static TrainingSession resume(Path dir, int totalSteps, double probeSeconds) throws Exception {
        Checkpoint c = CheckpointStore.load(dir);
        return probed(new TrainingSession(Trainer.resume(c, Tasks.fromDescription(c.task()), totalSteps), dir), probeSeconds);
    }

    /** Starts the training thread; paused = true waits for resume or single steps. */
    public synchronized void start(boolean paused) {
        if (thread != null) {
            throw new IllegalStateException("this run has already started");
        }
        if (paused) {
            control.pause();
        }
        thread = new Thread(this::runLoop, "ftx-training");
        thread.setDaemon(true);
        thread.start();
    }

    private void runLoop() {
        try {
            outcome = trainer.run(new TrainingListener() {
                @Override
                public void onStep(TrainingEvent e) {
                    events.add(e);
                }

                @Override
                public void onProbe(ProbeReading r) {
                    probes.add(r);
                }

                @Override
                public void onProbeFailed(String message) {
                    notices.add(message);
                }

                @Override
                public void onCheckpoint(int step, Path dir) {
                    lastSavedStep = step;
                    notices.add("saved step " + step + " to " + dir);
                }
            }, control, saveDir);
        } catch (Exception | OutOfMemoryError e) {
            outcome = new TrainingOutcome(TrainingOutcome.Status.DIVERGED, trainer.step(),
                    "training failed: " + e.getMessage(), lastSavedStep);
        }
    }

    public void pause() {
        control.pause();
    }

    public void resume() {
        control.resume();
    }

    public void stepOnce() {
        control.stepOnce();
    }

    public void requestSave() {
        control.requestSave();
    }

    public void stop() {
        control.stop();
    }

    public boolean isPaused() {
        return control.isPaused();
    }

    public boolean isFinished() {
        return outcome != null;
    }

    /** How the run ended, or null while it runs. */
    public TrainingOutcome outcome() {
        return outcome;
    }

    public int lastSavedStep() {
        return lastSavedStep;
    }

    public Path saveDir() {
        return saveDir;
    }

    public Trainer trainer() {
        return trainer;
    }

    /** Waits for the training thread to end (after stop), up to the timeout. */
    public boolean awaitEnd(long millis) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(millis);
            return !t.isAlive();
        }
        return true;
    }

    /** Events since the last call, oldest first (called once per frame). */
    public List<TrainingEvent> drain() {
        List<TrainingEvent> out = new ArrayList<>();
        for (TrainingEvent e; (e = events.poll()) != null; ) {
            out.add(e);
        }
        return out;
    }

    /** Probe readings since the last call, oldest first (called once per frame). */
    public List<ProbeReading> drainProbes() {
        List<ProbeReading> out = new ArrayList<>();
        for (ProbeReading r; (r = probes.poll()) != null; ) {
            out.add(r);
        }
        return out;
    }

    /** Messages (saves) since the last call. */
    public List<String> drainNotices() {
        List<String> out = new ArrayList<>();
        for (String n; (n = notices.poll()) != null; ) {
            out.add(n);
        }
        return out;
    }
}
