package ftx.engine.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.checkpoint.Checkpoint;
import ftx.engine.checkpoint.CheckpointFolder;
import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.task.CharTextTask;
import ftx.engine.task.Task;
import ftx.engine.task.Tasks;
import ftx.engine.train.RunControl;
import ftx.engine.train.Trainer;
import ftx.engine.train.TrainingThreads;
import ftx.engine.sweep.RunOptions;
import ftx.engine.train.TrainingConfig;
import ftx.engine.train.TrainingEvent;
import ftx.engine.train.TrainingListener;
import ftx.engine.train.TrainingMemory;
import ftx.engine.train.TrainingOutcome;
import ftx.engine.analysis.ProbeReading;
import ftx.engine.analysis.ZProbe;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.nd4j.linalg.api.buffer.DataType;

/** {@code ftx train}: train (or resume) a Free Transformer on a task, saving checkpoints atomically. */
final class TrainCommand implements Command {
    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a Free Transformer (or the baseline) on the synthetic task, the reviews task or a text file";
    }

    @Override
    public String usage() {
        return """
                usage: ftx train --out DIR [options]       a new run
                       ftx train --resume DIR [--steps N]  continue a saved run exactly
                  Task:   --task synthetic (default) | --task reviews | --text-file FILE [--seq-len 64]
                  Model:  --latent-bits H (8; 0 = baseline)  --d-model 128  --layers 4  --heads 4  --ffn 384
                  Loss:   --kappa-bits K (0.125)  or  --kappa NATS      (free bits per token)
                  Latent recipe (default: the paper's):
                          --kappa-start-bits K --kappa-warmup N   anneal kappa from K bits to kappa over N steps
                          --latent-lr-scale X   learning-rate multiplier for the encoder, W_post and zeta (1)
                          --freeze-encoder-at N from step N on, Q(Z|S) stops learning (the embedding, the
                            first L/2 blocks and the encoder keep their weights); the decoder's second
                            half, W_post and the head train on (0 = never)
                          --prior-z-share P     a share P of each batch is decoded with Z from the prior,
                            not the encoder's (the decoder learns to do without Z; 0 = the paper)
                          --prior-z-from N      the prior-Z share applies from step N on (0)
                          --kappa-cycle P       cut the kappa warm-up into cycles of P steps: in each, kappa
                            falls from its start to kappa over the first half and holds over the second (0)
                          --kappa-hold-bits K --kappa-hold-steps N   pause the warm-up at K bits for N steps
                            before its last step down to kappa; the warm-up then ends N steps later (off)
                          --capacity-gamma G    0 = the free-bits hinge max(0, KL - kappa); G > 0 = the
                            two-sided target G |KL - kappa| (Burgess et al.), which pushes Z back up too
                          --matching-lambda L   add L x mean_t sum_h KL(Bernoulli(q_th) || 1/2), q_th the
                            batch's mean probability of bit h at t: codes the prior draws (0 = off)
                          --kl-budget token|position|sequence|global   where the free-bits hinge applies:
                            token: each token of each sequence (SPEC's reading, the default)
                            position: each position, on the batch's mean KL (Kingma et al.'s free bits)
                            sequence: each sequence's mean KL; global: the batch's mean KL
                  Optim:  --steps 2000  --batch 64  --lr 1e-3  --warmup 100  --min-lr-ratio 0.1
                          --weight-decay 0.1  --clip 1.0  --seed 1
                  Saving: --save-every N (500; 0 = only at the end)   checkpoints are written atomically
                  Machine: --threads 1|2   threads per step (default: 2 on two cores or more); 1 leaves a
                          core free. The run's numbers are the same either way.
                  Probe:  --probe SECONDS (5; off)   every SECONDS of training, measure what Z decides on
                          a copy of the weights, on its own thread (never more than ~10% of the time):
                          shared- vs fresh-Z agreement on the task's decision with its chance level, the
                          paper's +-1 measure, CE with Z from the prior, and the bit dictionary. The
                          readings are kept in the checkpoint's history; the run's numbers do not change.
                  Output: progress on standard error; --json prints JSON Lines on standard output: one
                          {"event":"probe",...} per probe as it comes, then {"event":"summary",...}
                  Ctrl-C (or SIGTERM) stops within a block and saves the run before exiting; resuming
                  redoes the interrupted step exactly.
                """;
    }

    @Override
    public void run(Args args, PrintStream out, PrintStream err) throws Exception {
        boolean json = args.flag("json");
        threads(args);
        Double probeSeconds = probeInterval(args);
        Trainer trainer;
        Path outDir;
        if (args.has("resume")) {
            outDir = Path.of(args.required("resume"));
            Checkpoint c = CheckpointStore.load(outDir, DataType.FLOAT);
            int steps = args.integer("steps", 0);
            args.rejectUnknown();
            trainer = Trainer.resume(c, Tasks.fromDescription(c.task()), steps);
            err.printf("resuming %s at step %d of %d%n", outDir, trainer.step(), trainer.config().steps());
        } else {
            outDir = outFolder(args.required("out"));
            Task task = task(args);
            RunOptions options = runOptions(args, task);
            FreeTransformerConfig mc = options.modelConfig(task);
            TrainingConfig tc = options.trainingConfig().withCheckpointEvery(args.integer("save-every", 500));
            double kappa = tc.kappa();
            int steps = tc.steps();
            args.rejectUnknown();
            usage(() -> TrainingMemory.require(mc, tc.batchSize(), task.sequenceLength()));
            if (CheckpointFolder.holdsCheckpoint(outDir)) {
                err.println("note: " + outDir + " holds a checkpoint; this new run replaces it at its first save");
            }
            trainer = Trainer.start(mc, task, tc);
            err.printf("training %s: D=%d L=%d H=%d kappa=%.4f nats (%.4f bits), %d steps of %d sequences on %d thread(s)"
                    + " -> %s%n", task.name(), mc.dModel(), mc.nLayers(), mc.latentBits(), kappa, tc.kappaBits(), steps,
                    tc.batchSize(), TrainingThreads.inUse(), outDir);
        }
        if (probeSeconds != null) {
            trainer.setProbe(probeSeconds, ZProbe.Settings.defaults());
        }
        RunControl control = new RunControl();
        AtomicReference<TrainingEvent> last = new AtomicReference<>();
        TrainingOutcome o;
        try (StopOnInterrupt ignored = new StopOnInterrupt(control, "ftx-train-stop")) { // open until all is printed
            o = trainer.run(new Progress(err, json ? out : null, last), control, outDir);
            err.println(o.message() + (o.lastSavedStep() >= 0 ? "; checkpoint at " + outDir + " (step " + o.lastSavedStep()
                    + ")" : ""));
            if (json) {
                printSummary(out, o, outDir, last.get());
            }
        }
        if (o.status() == TrainingOutcome.Status.DIVERGED) {
            throw new IllegalStateException(o.message());
        }
    }

    /** --probe SECONDS (default 5) or off: null. */
    static Double probeInterval(Args args) {
        String v = args.string("probe", "5");
        if (v.equals("off")) {
            return null;
        }
        try {
            double s = Double.parseDouble(v);
            if (s >= 0 && Double.isFinite(s)) {
                return s;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new Args.UsageException("--probe must be a number of seconds >= 0 or off, got " + v);
    }

    private static void printSummary(PrintStream out, TrainingOutcome o, Path outDir, TrainingEvent e) throws Exception {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("event", "summary");
        root.put("status", o.status().name());
        root.put("step", o.step());
        root.put("message", o.message());
        root.put("checkpoint", outDir.toString());
        root.put("savedStep", o.lastSavedStep());
        if (e != null) {
            root.put("loss", e.loss());
            root.put("ce", e.ce());
            root.put("klMean", e.klMean());
            root.put("tokensPerSecond", e.tokensPerSecond());
        }
        Json.line(out, root);
    }

    /** The folder of --out, refused (bad usage) unless new, empty or a checkpoint folder of this tool. */
    static Path outFolder(String out) {
        usage(() -> CheckpointFolder.requireWritable(Path.of(out)));
        return Path.of(out);
    }

    /** Runs a check whose IllegalArgumentException means the options cannot be honoured: bad usage, exit 2. */
    static <T> T usage(java.util.function.Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
    }

    static void usage(Runnable check) {
        usage(() -> {
            check.run();
            return null;
        });
    }

    /** Applies --threads N (1 or 2) for the steps of this process. */
    static void threads(Args args) {
        try {
            TrainingThreads.set(args.integer("threads", TrainingThreads.count()));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--threads: " + e.getMessage());
        }
    }

    /**
     * A new run's options ({@link RunOptions}, the names a sweep shares), from the command line;
     * --kappa NATS is --kappa-bits in nats, and a text file is its own task.
     */
    static RunOptions runOptions(Args args, Task task) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String name : RunOptions.NAMES) {
            String v = name.equals("task") ? null : args.string(name, null);
            if (v != null) {
                given.put(name, v);
            }
        }
        if (args.has("kappa")) {
            given.put("kappa-bits", String.valueOf(args.number("kappa", 0) / TrainingConfig.LOG2));
        }
        RunOptions o = usage(() -> RunOptions.complete(given));
        usage(() -> o.modelConfig(task)); // the task's own vocabulary and length
        return o;
    }

    static Task task(Args args) {
        if (args.has("text-file")) {
            Path file = Path.of(args.required("text-file"));
            int len = args.integer("seq-len", 64);
            return usage(() -> CharTextTask.fromFile(file, len));
        }
        String name = args.string("task", "synthetic");
        return usage(() -> Tasks.byName(name));
    }

    /** Prints a progress line at most every 2 seconds, and the last step; each probe on err (and as JSON on json). */
    static final class Progress implements TrainingListener {
        private static final long INTERVAL_NS = 2_000_000_000L;
        private final PrintStream err;
        private final PrintStream json;
        private final AtomicReference<TrainingEvent> last;
        private long lastPrint;

        Progress(PrintStream err, PrintStream json, AtomicReference<TrainingEvent> last) {
            this.err = err;
            this.json = json;
            this.last = last;
        }

        @Override
        public void onProbe(ProbeReading r) {
            err.println(ProbeText.line(r));
            if (json != null) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("event", "probe");
                event.putAll(r.toMap());
                event.put("sharedGroup", r.sharedGroup());
                event.put("freshGroup", r.freshGroup());
                try {
                    Json.line(json, event);
                } catch (Exception e) {
                    err.println("could not print a probe as JSON: " + e.getMessage());
                }
            }
        }

        @Override
        public void onProbeFailed(String message) {
            err.println(message);
        }

        @Override
        public void onStep(TrainingEvent e) {
            last.set(e);
            long now = System.nanoTime();
            if (lastPrint == 0 || now - lastPrint >= INTERVAL_NS || e.step() == e.totalSteps()) {
                lastPrint = now;
                double etaS = (e.totalSteps() - e.step()) * e.msPerStep() / 1000;
                err.printf("step %d/%d  loss %.4f  CE %.4f  KL %.4f nats/token  lr %.2e  %.0f tokens/s  ETA %s%n",
                        e.step(), e.totalSteps(), e.loss(), e.ce(), e.klMean(), e.learningRate(), e.tokensPerSecond(),
                        formatDuration(etaS));
            }
        }

        @Override
        public void onCheckpoint(int step, Path dir) {
            err.printf("saved %s at step %d%n", dir, step);
        }
    }

    static String formatDuration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
