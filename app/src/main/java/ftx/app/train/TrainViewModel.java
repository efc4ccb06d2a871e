package ftx.app.train;

import ftx.app.models.RunRecord;
import ftx.app.models.RunStore;
import ftx.engine.analysis.ProbeReading;
import ftx.engine.train.TrainingConfig;
import ftx.engine.train.TrainingEvent;
import ftx.engine.train.TrainingOutcome;
import ftx.engine.train.TrainingThreads;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * State and commands of the Train view, testable without a display: the settings, the run's
 * session, and everything the charts and labels show. {@link #onFrame()} is called once per
 * frame on the FX thread (by the view's timer, or directly in tests) and folds in the events the
 * training thread produced since the last frame.
 */
public final class TrainViewModel {
    private static final DateTimeFormatter RUN_NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final TrainSettings settings = new TrainSettings();
    private final RunStore runs;
    private final MetricHistory history = new MetricHistory();
    private final KlHeatData heat = new KlHeatData();
    private final ProbeTrack probes = new ProbeTrack();
    private TrainingSession session;

    private final StringProperty status = new SimpleStringProperty("Choose a preset and press Start (Ctrl+R).");
    private final StringProperty error = new SimpleStringProperty("");
    private final IntegerProperty step = new SimpleIntegerProperty();
    private final IntegerProperty totalSteps = new SimpleIntegerProperty(settings.steps);
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty eta = new SimpleStringProperty("");
    private final DoubleProperty ce = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty kl = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty tokensPerSecond = new SimpleDoubleProperty(Double.NaN);
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final IntegerProperty dataVersion = new SimpleIntegerProperty();
    private final IntegerProperty settingsVersion = new SimpleIntegerProperty();
    private final ObjectProperty<Path> runDir = new SimpleObjectProperty<>();
    private double kappaNats = settings.kappaBits * TrainingConfig.LOG2;
    private double entropyFloor = Double.NaN;

    public TrainViewModel(RunStore runs) {
        this.runs = runs;
    }

    public TrainSettings settings() {
        return settings;
    }

    /** Fills the settings from a preset; views showing them re-read them ({@link #settingsVersionProperty}). */
    public void applyPreset(Preset preset) {
        preset.applyTo(settings);
        if (!hasActiveRun()) {
            totalSteps.set(settings.steps); // the header's "Step 0 / N" shows the preset's length
        }
        settingsVersion.set(settingsVersion.get() + 1);
    }

    /** Counts changes to the settings made by the view model itself (presets), so that editors re-read them. */
    public ReadOnlyIntegerProperty settingsVersionProperty() {
        return settingsVersion;
    }

    public MetricHistory history() {
        return history;
    }

    public KlHeatData heat() {
        return heat;
    }

    /** The live probe's readings of the current run. */
    public ProbeTrack probes() {
        return probes;
    }

    public double kappaNats() {
        return kappaNats;
    }

    /** The current run's task floor (CE without Z, nats), NaN when the task has none or no run is attached. */
    public double entropyFloor() {
        return entropyFloor;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public IntegerProperty stepProperty() {
        return step;
    }

    public IntegerProperty totalStepsProperty() {
        return totalSteps;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty etaProperty() {
        return eta;
    }

    public DoubleProperty ceProperty() {
        return ce;
    }

    public DoubleProperty klProperty() {
        return kl;
    }

    public DoubleProperty tokensPerSecondProperty() {
        return tokensPerSecond;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** Increments whenever the curves or the heat strip changed (the view redraws then). */
    public IntegerProperty dataVersionProperty() {
        return dataVersion;
    }

    public ObjectProperty<Path> runDirProperty() {
        return runDir;
    }

    public boolean hasActiveRun() {
        return session != null && !session.isFinished();
    }

    /** Start, or resume when paused. Returns false (with the message in error) when the settings are invalid. */
    public boolean start() {
        if (hasActiveRun()) {
            session.resume();
            paused.set(false);
            status.set("Training...");
            return true;
        }
        return begin(false);
    }

    public void pause() {
        if (hasActiveRun()) {
            session.pause();
            paused.set(true);
            status.set("Paused at step " + step.get() + ". Resume (Ctrl+R) or step once (Ctrl+T).");
        }
    }

    /** One optimizer step (starts a paused run first if none is active). */
    public boolean stepOnce() {
        if (!hasActiveRun() && !begin(true)) {
            return false;
        }
        session.pause();
        paused.set(true);
        session.stepOnce();
        status.set("Paused; stepping once.");
        return true;
    }

    /** Stops between steps; the run is saved. */
    public void stop() {
        if (hasActiveRun()) {
            session.stop();
            status.set("Stopping (saving the run)...");
        }
    }

    /** Saves the current run now (between steps, also while paused). */
    public void save() {
        if (hasActiveRun()) {
            session.requestSave();
        }
    }

    /** Continues a saved run (its folder) for the given total steps (0 = as saved). */
    public boolean resumeRun(Path dir, int totalSteps) {
        if (hasActiveRun()) {
            error.set("Stop the current run before opening another.");
            return false;
        }
        try {
            TrainingSession s = TrainingSession.resume(dir, totalSteps, settings.probeSeconds);
            attach(s);
            for (double[] row : s.trainer().history()) { // step, loss, ce, kl, lr
                history.add(row[0], row[2], row[3], row[1], Double.NaN);
            }
            s.trainer().probes().forEach(probes::add);
            step.set(s.trainer().step());
            s.start(true);
            paused.set(true);
            status.set("Opened " + dir.getFileName() + " at step " + step.get() + ". Press Start to continue.");
            dataVersion.set(dataVersion.get() + 1);
            return true;
        } catch (Exception e) {
            error.set("Cannot open " + dir + ": " + e.getMessage());
            return false;
        }
    }

    private boolean begin(boolean startPaused) {
        String problem = settings.validate();
        if (problem != null) {
            error.set(problem);
            return false;
        }
        String name = RUN_NAME.format(LocalDateTime.now()) + String.format(Locale.ROOT, "-k%s-H%d",
                trimNumber(settings.kappaBits), settings.latentBits);
        try {
            attach(TrainingSession.create(settings.copy(), runs.root().resolve(name)));
        } catch (RuntimeException e) {
            error.set(e.getMessage());
            return false;
        }
        TrainingThreads.set(settings.trainingThreads);
        session.start(startPaused);
        paused.set(startPaused);
        status.set(startPaused ? "Paused at step 0." : "Training...");
        return true;
    }

    private void attach(TrainingSession s) {
        session = s;
        error.set("");
        history.clear();
        heat.clear();
        probes.clear();
        kappaNats = s.trainer().config().kappa();
        entropyFloor = s.trainer().task().entropyFloor();
        totalSteps.set(s.trainer().config().steps());
        runDir.set(s.saveDir());
        running.set(true);
        step.set(0);
        progress.set(0);
    }

    /** Folds in the training thread's events since the last frame; call once per frame. */
    public void onFrame() {
        if (session == null) {
            return;
        }
        List<TrainingEvent> events = session.drain();
        for (TrainingEvent e : events) {
            history.add(e.step(), e.ce(), e.klMean(), e.loss(), e.tokensPerSecond());
            heat.add(e.step(), e.klPerPosition());
        }
        if (!events.isEmpty()) {
            TrainingEvent last = events.get(events.size() - 1);
            step.set(last.step());
            ce.set(last.ce());
            kl.set(last.klMean());
            tokensPerSecond.set(last.tokensPerSecond());
            progress.set(last.step() / (double) last.totalSteps());
            eta.set(formatEta((last.totalSteps() - last.step()) * last.msPerStep() / 1000));
            if (!paused.get()) {
                int threads = TrainingThreads.inUse();
                status.set("Training... step " + last.step() + " of " + last.totalSteps() + " on " + threads
                        + (threads == 1 ? " thread" : " threads"));
            }
            dataVersion.set(dataVersion.get() + 1);
        }
        List<ProbeReading> readings = session.drainProbes();
        readings.forEach(probes::add);
        if (!readings.isEmpty()) {
            dataVersion.set(dataVersion.get() + 1);
        }
        for (String n : session.drainNotices()) {
            status.set(n);
            record(session.isFinished() ? statusWord(session.outcome()) : "running");
        }
        TrainingOutcome o = session.outcome();
        if (o != null && running.get()) {
            running.set(false);
            paused.set(false);
            status.set(o.message() + (o.lastSavedStep() >= 0 ? " - saved in " + session.saveDir() : ""));
            if (o.status() == TrainingOutcome.Status.DIVERGED) {
                error.set(o.message());
            }
            record(statusWord(o));
        }
    }

    private void record(String word) {
        if (session == null || session.lastSavedStep() < 0) {
            return;
        }
        var cfg = session.trainer().model().config();
        String summary = String.format(Locale.ROOT, "D=%d L=%d H=%d kappa=%s bit", cfg.dModel(), cfg.nLayers(),
                cfg.latentBits(), trimNumber(session.trainer().config().kappaBits()));
        try {
            runs.put(new RunRecord(session.saveDir().getFileName().toString(), session.saveDir().toAbsolutePath().toString(),
                    session.trainer().task().name(), summary, step.get(), ce.get(), kl.get(), word));
        } catch (java.io.IOException e) {
            error.set("Could not update the run list: " + e.getMessage());
        }
    }

    private static String statusWord(TrainingOutcome o) {
        return o.status().name().toLowerCase(Locale.ROOT);
    }

    /** Stops a running session and waits for its final save (window closing). */
    public boolean stopAndWait(long millis) throws InterruptedException {
        if (!hasActiveRun()) {
            return true;
        }
        session.stop();
        boolean ended = session.awaitEnd(millis);
        onFrame();
        return ended;
    }

    static String formatEta(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format("%dh %02dm left", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm %02ds left", s / 60, s % 60) : s + "s left";
    }

    static String trimNumber(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
