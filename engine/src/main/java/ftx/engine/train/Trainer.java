package ftx.engine.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.engine.analysis.ProbeReading;
import ftx.engine.analysis.ZProbe;
import ftx.engine.checkpoint.Checkpoint;
import ftx.engine.checkpoint.CheckpointFolder;
import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.checkpoint.FolderLock;
import ftx.engine.checkpoint.TensorConversion;
import ftx.engine.io.Tensor;
import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Initializer;
import ftx.engine.model.Parameters;
import ftx.engine.util.StepCancel;
import ftx.engine.task.Task;
import ftx.engine.util.Rng;
import ftx.engine.util.Workspaces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a Free Transformer on a task (SPEC section 3): each step draws a batch and the mapper's
 * uniforms from the run's one generator, runs the forward and backward (in {@link BatchShards},
 * two cores at once), clips, and applies AdamW
 * with warm-up and cosine decay. Same seed and config give the same losses step for step, and a
 * run resumed from its checkpoint continues exactly as if it had not stopped.
 */
public final class Trainer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final FreeTransformer model;
    private final Task task;
    private final TrainingConfig cfg;
    private final AdamW adam;
    private final Rng rng;
    private final Parameters grads;
    private BatchShards shards;
    private TrainingThreads threads;
    private final List<double[]> history;
    private final List<ProbeReading> probes;
    private LiveProbe probe;
    private int step;
    /** True: once the encoder is frozen, the backward stops above Z (false only to compare, in tests). */
    private boolean skipFrozenGradients = true;

    private Trainer(FreeTransformer model, Task task, TrainingConfig cfg, AdamW adam, Rng rng, int step,
                    List<double[]> history, List<ProbeReading> probes) {
        if (model.config().vocabSize() != task.vocabulary().size()) {
            throw new IllegalArgumentException("the model has " + model.config().vocabSize() + " symbols but task "
                    + task.name() + " has " + task.vocabulary().size());
        }
        if (task.sequenceLength() - 1 > model.maxPositions()) {
            throw new IllegalArgumentException("task sequences of " + task.sequenceLength() + " exceed the model's "
                    + model.maxPositions() + " positions");
        }
        this.model = model;
        this.task = task;
        this.cfg = cfg;
        this.adam = adam;
        this.rng = rng;
        this.step = step;
        this.history = history;
        this.probes = new CopyOnWriteArrayList<>(probes);
        this.grads = Parameters.zeros(model.config(), model.parameters().dataType());
        useThreads(TrainingThreads.forNewRun());
    }

    private void useThreads(TrainingThreads t) {
        threads = t;
        shards = new BatchShards(model, t);
        adam.useThreads(t);
    }

    /** This run's training threads (1 or 2; the default for new runs unless set); its numbers are the same either way. */
    public TrainingThreads threads() {
        return threads;
    }

    /** Sets this run's training threads (1 or 2) for the steps from now on; other runs keep theirs. */
    public void setThreads(int n) {
        useThreads(new TrainingThreads(n));
    }

    /** A new run: weights initialised from the seed. */
    public static Trainer start(FreeTransformerConfig config, Task task, TrainingConfig cfg) {
        TrainingMemory.require(config, cfg.batchSize(), task.sequenceLength());
        Rng rng = new Rng(cfg.seed());
        Parameters p = Initializer.init(config, rng, DataType.FLOAT);
        FreeTransformer model = new FreeTransformer(config, p, positionsFor(task));
        return new Trainer(model, task, cfg, AdamW.fresh(config, p), rng, 0, new ArrayList<>(), List.of());
    }

    /**
     * Continues a run from its checkpoint; totalSteps may extend it (the schedule then follows the
     * new length). Refuses a checkpoint without optimizer and trainer state.
     */
    public static Trainer resume(Checkpoint c, Task task, int totalSteps) {
        if (c.resume() == null) {
            throw new IllegalArgumentException("this checkpoint has no optimizer/trainer state (" + CheckpointStore.OPTIMIZER
                    + ", " + CheckpointStore.TRAINER_STATE + "): it can be inspected but not resumed");
        }
        TrainingConfig cfg;
        try {
            cfg = JSON.convertValue(c.training(), TrainingConfig.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config.json: its \"training\" settings cannot be resumed ("
                    + rootMessage(e) + ")", e);
        }
        Map<String, Object> s = c.resume().trainerState();
        int done = TrainerState.step(s);
        if (totalSteps > 0) {
            if (totalSteps < done) {
                throw new IllegalArgumentException("this run is at step " + done + "; --steps " + totalSteps
                        + " would end it before where it is");
            }
            cfg = cfg.withSteps(totalSteps);
        }
        TrainingMemory.require(c.config(), cfg.batchSize(), task.sequenceLength());
        Map<String, Tensor> opt = c.resume().optimizer();
        Map<String, INDArray> m = new LinkedHashMap<>();
        Map<String, INDArray> v = new LinkedHashMap<>();
        for (String name : c.weights().names()) {
            long[] shape = c.weights().get(name).shape();
            m.put(name, moment(opt, "m." + name, shape, c.weights().dataType()));
            v.put(name, moment(opt, "v." + name, shape, c.weights().dataType()));
        }
        Rng rng = new Rng(0);
        rng.setState(TrainerState.rngState(s));
        AdamW adam = new AdamW(Parameters.of(c.config(), m), Parameters.of(c.config(), v), TrainerState.adamSteps(s));
        FreeTransformer model = new FreeTransformer(c.config(), c.weights(), positionsFor(task));
        return new Trainer(model, task, cfg, adam, rng, done, TrainerState.history(s), TrainerState.probes(s));
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) {
            e = e.getCause();
        }
        return e.getMessage();
    }

    private static INDArray moment(Map<String, Tensor> opt, String name, long[] shape, DataType dtype) {
        Tensor t = opt.get(name);
        if (t == null) {
            throw new IllegalArgumentException(CheckpointStore.OPTIMIZER + " has no tensor " + name);
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException(CheckpointStore.OPTIMIZER + ": tensor " + name + " has shape "
                    + Arrays.toString(t.shape()) + " but the model's is " + Arrays.toString(shape));
        }
        return TensorConversion.toArray(t, dtype);
    }

    static int positionsFor(Task task) {
        return Math.max(256, task.sequenceLength());
    }

    public FreeTransformer model() {
        return model;
    }

    public Task task() {
        return task;
    }

    public TrainingConfig config() {
        return cfg;
    }

    public int step() {
        return step;
    }

    public boolean isFinished() {
        return step >= cfg.steps();
    }

    /** Metrics rows (step, loss, ce, kl, lr) of every step so far. */
    public List<double[]> history() {
        return List.copyOf(history);
    }

    /** The live probe's readings so far, oldest first (kept with the checkpoint). */
    public List<ProbeReading> probes() {
        return List.copyOf(probes);
    }

    /**
     * Probes what Z decides during {@link #run} after every intervalSeconds of training (0: as
     * often as the probe's 10% share of the time allows), with {@link ZProbe.Settings}; null turns
     * it off (the default). The probe never changes the run's numbers.
     */
    public void setProbe(double intervalSeconds, ZProbe.Settings settings) {
        probe = settings == null ? null : new LiveProbe(intervalSeconds, settings, cfg.seed());
    }

    /**
     * One optimizer step. Throws {@link DivergedException} (and leaves the weights as they were)
     * when the loss or the gradient is not finite.
     */
    public TrainingEvent trainStep() {
        return trainStep(StepCancel.NONE);
    }

    /**
     * One optimizer step that cancel may abandon between blocks: then {@link StepCancel.Cancelled}
     * propagates and the run is exactly as before the call (weights, optimizer, step count and
     * random state), so the step is redone identically later.
     */
    TrainingEvent trainStep(StepCancel cancel) {
        long rngBefore = rng.state();
        try {
            return step(cancel);
        } catch (StepCancel.Cancelled e) {
            rng.setState(rngBefore);
            throw e;
        }
    }

    private TrainingEvent step(StepCancel cancel) {
        long t0 = System.nanoTime();
        int[][] batch = task.batch(rng, cfg.batchSize());
        int t = batch[0].length - 1;
        int[][] inputs = new int[batch.length][];
        int[][] targets = new int[batch.length][];
        for (int i = 0; i < batch.length; i++) {
            inputs[i] = java.util.Arrays.copyOfRange(batch[i], 0, t);
            targets[i] = java.util.Arrays.copyOfRange(batch[i], 1, t + 1);
        }
        int h = model.config().latentBits();
        double[] uniforms = new double[batch.length * t * h];
        for (int i = 0; i < uniforms.length; i++) {
            uniforms[i] = rng.nextDouble();
        }
        boolean[] fromPrior = model.config().hasLatent() ? cfg.recipe().drawPriorZ(step, batch.length, rng) : null;
        double lr = cfg.learningRateAt(step);
        FreeTransformer.Loss loss;
        double norm;
        // every temporary of the step lives here, in a scope sized for this model and batch
        try (MemoryWorkspace ws = Workspaces.open("ftx-train-step", java.util.List.of(model.config(), batch.length, t))) {
            BatchShards.Result r = shards.forwardBackward(inputs, targets, uniforms, fromPrior,
                    cfg.recipe().objectiveAt(step, cfg.kappa(), skipFrozenGradients), grads, cancel);
            loss = r.loss();
            norm = r.gradNorm();
            if (!Double.isFinite(loss.loss()) || !Double.isFinite(norm)) {
                throw new DivergedException(step + 1, loss.loss(), norm);
            }
            int at = step;
            int layers = model.config().nLayers();
            LatentRecipe recipe = cfg.recipe();
            if (recipe.frozenAt(at)) { // the clip sees only what still trains
                norm = AdamW.globalNorm(grads, name -> !LatentRecipe.shapesEncoder(name, layers));
            }
            double clip = cfg.gradClip() > 0 && norm > cfg.gradClip() ? cfg.gradClip() / norm : 1.0;
            adam.step(model.parameters(), grads, lr, cfg, clip, name -> recipe.lrScale(name, at, layers));
        }
        step++;
        history.add(new double[] {step, loss.loss(), loss.ce(), loss.klMean(), lr});
        double ms = (System.nanoTime() - t0) / 1e6;
        return new TrainingEvent(step, cfg.steps(), loss.loss(), loss.ce(), loss.klMean(), loss.klTerm(),
                meanPerPosition(loss.klPerToken(), batch.length, t), lr, norm, batch.length * t / (ms / 1000), ms);
    }

    private static float[] meanPerPosition(float[] perToken, int b, int t) {
        if (perToken.length == 0) {
            return perToken;
        }
        float[] out = new float[t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                out[j] += perToken[i * t + j] / b;
            }
        }
        return out;
    }

    /**
     * Whether the backward stops above Z once the encoder is frozen (the default); false computes
     * the frozen weights' gradients and throws them away, as runs did before, to compare.
     */
    void skipFrozenGradients(boolean skip) {
        skipFrozenGradients = skip;
    }

    /** The run as a checkpoint, with optimizer and trainer state for resuming. */
    public Checkpoint checkpoint() {
        Map<String, Tensor> opt = new LinkedHashMap<>();
        for (Tensor x : TensorConversion.toTensors(adam.firstMoment(), "m.")) {
            opt.put(x.name(), x);
        }
        for (Tensor x : TensorConversion.toTensors(adam.secondMoment(), "v.")) {
            opt.put(x.name(), x);
        }
        Map<String, Object> state = TrainerState.write(step, rng.state(), adam.stepsTaken(), history, probes);
        @SuppressWarnings("unchecked")
        Map<String, Object> training = JSON.convertValue(cfg, Map.class);
        return new Checkpoint(model.config(), task.vocabulary().symbols(), model.parameters(), task.describe(), training,
                new Checkpoint.ResumeState(opt, state));
    }

    /**
     * Runs until the last step, a stop request, or divergence; autosaves to saveDir (if not null)
     * every cfg.checkpointEvery steps and at the end (never after a divergence, so the last good
     * checkpoint stays). Pause/step/save/stop through control are honoured between steps, and a
     * pause or stop also between the blocks of a step (after the first step of this call).
     * Before the first step, saveDir must be usable ({@link CheckpointFolder#requireWritable},
     * enough free space); it stays locked against other writers until the run returns.
     */
    public TrainingOutcome run(TrainingListener listener, RunControl control, Path saveDir) throws IOException {
        if (saveDir == null) {
            return runSteps(listener, control, null);
        }
        CheckpointFolder.requireWritable(saveDir);
        CheckpointFolder.requireSpace(saveDir, checkpointBytes());
        try (FolderLock ignored = FolderLock.acquire(saveDir, "training " + task.name())) {
            return runSteps(listener, control, saveDir);
        }
    }

    /** About the size of one checkpoint on disk: weights and two moments in float32, and the history. */
    public long checkpointBytes() {
        return 3 * 4 * model.config().parameterCount() + 64L * (cfg.steps() + 1000);
    }

    private TrainingOutcome runSteps(TrainingListener listener, RunControl control, Path saveDir) throws IOException {
        int[] lastSaved = {-1};
        int stepsHere = 0;
        try {
            while (!isFinished()) {
                RunControl.Action next = control.awaitNextAction();
                if (next == RunControl.Action.STOP) {
                    finishProbe(listener, false);
                    save(saveDir, listener, lastSaved);
                    return end(listener, new TrainingOutcome(TrainingOutcome.Status.STOPPED, step,
                            "stopped at step " + step + " of " + cfg.steps(), lastSaved[0]));
                }
                if (next == RunControl.Action.SAVE) {
                    save(saveDir, listener, lastSaved);
                    continue;
                }
                try {
                    // the first step here always completes: it sizes the step's memory scopes
                    // (a workspace learns its size from its first pass, and a cut pass would
                    // leave it too small for every later step)
                    long t0 = System.nanoTime();
                    listener.onStep(trainStep(stepsHere++ == 0 ? StepCancel.NONE : control.cancelFrom()));
                    if (probe != null) {
                        probe.afterStep(model, task, step, System.nanoTime() - t0, probeSink(listener));
                    }
                } catch (StepCancel.Cancelled e) {
                    continue; // paused or stopped mid-step: the next action says which
                }
                if (saveDir != null && cfg.checkpointEvery() > 0 && step % cfg.checkpointEvery() == 0) {
                    save(saveDir, listener, lastSaved);
                }
            }
            finishProbe(listener, true);
            save(saveDir, listener, lastSaved);
            return end(listener, new TrainingOutcome(TrainingOutcome.Status.FINISHED, step,
                    "finished " + step + " steps", lastSaved[0]));
        } catch (DivergedException e) {
            return end(listener, new TrainingOutcome(TrainingOutcome.Status.DIVERGED, step, e.getMessage()
                    + (lastSaved[0] >= 0 ? "; the last good checkpoint (step " + lastSaved[0] + ") is kept"
                    : saveDir != null && CheckpointFolder.holdsCheckpoint(saveDir) ? "; the checkpoint in " + saveDir
                    + " is kept as it was" : "; nothing was saved"), lastSaved[0]));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            try {
                save(saveDir, listener, lastSaved);
            } catch (DivergedException d) {
                return end(listener, new TrainingOutcome(TrainingOutcome.Status.DIVERGED, step, d.getMessage(), lastSaved[0]));
            }
            return end(listener, new TrainingOutcome(TrainingOutcome.Status.STOPPED, step, "interrupted at step " + step,
                    lastSaved[0]));
        }
    }

    private LiveProbe.Sink probeSink(TrainingListener listener) {
        return LiveProbe.sink(probes, listener);
    }

    /** Waits for a probe in flight (its reading goes into the next save) and probes a finished run's last step. */
    private void finishProbe(TrainingListener listener, boolean finished) throws InterruptedException {
        if (probe != null) {
            probe.finish(model, task, step, finished, probeSink(listener));
        }
    }

    /** Saves unless this step is saved already; refuses (DivergedException) weights or moments that are not finite. */
    private void save(Path dir, TrainingListener listener, int[] lastSaved) throws IOException {
        if (dir == null || step == lastSaved[0]) {
            return;
        }
        String bad = firstNonFinite(model.parameters(), "weight");
        bad = bad != null ? bad : firstNonFinite(adam.firstMoment(), "Adam first moment of");
        bad = bad != null ? bad : firstNonFinite(adam.secondMoment(), "Adam second moment of");
        if (bad != null) {
            throw new DivergedException(step, bad + " is not finite, so this step was not saved");
        }
        CheckpointStore.save(dir, checkpoint());
        listener.onCheckpoint(step, dir);
        lastSaved[0] = step;
    }

    /** The first tensor holding a NaN or an infinity ("weight embed.weight"), or null; a sum per tensor, no copy. */
    private static String firstNonFinite(Parameters p, String what) {
        for (Map.Entry<String, INDArray> e : p.asMap().entrySet()) {
            if (!Double.isFinite(e.getValue().sumNumber().doubleValue())) {
                return what + " " + e.getKey();
            }
        }
        return null;
    }

    private static TrainingOutcome end(TrainingListener listener, TrainingOutcome o) {
        listener.onEnd(o);
        return o;
    }
}
