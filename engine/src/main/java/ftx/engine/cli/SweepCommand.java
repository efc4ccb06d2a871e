package ftx.engine.cli;

import ftx.engine.sweep.RowResult;
import ftx.engine.sweep.RunOptions;
import ftx.engine.sweep.Sweep;
import ftx.engine.sweep.SweepFolder;
import ftx.engine.sweep.SweepRow;
import ftx.engine.sweep.SweepRunner;
import ftx.engine.sweep.SweepRunners;
import ftx.engine.sweep.SweepSpec;
import ftx.engine.train.RunControl;
import ftx.engine.train.TrainingThreads;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ftx sweep}: trains and evaluates one row per combination of the options given as lists
 * (a {@link SweepSpec}, from a file or from these flags), on this computer or a Spark master,
 * landing each row in {@code --out} as it finishes (see {@link Sweep}).
 */
final class SweepCommand implements Command {
    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String summary() {
        return "train and evaluate every combination of options (kappa, H, seeds, ...), here or on Apache Spark";
    }

    @Override
    public String usage() {
        return """
                usage: ftx sweep --out DIR [--spec FILE | spec options] [--master URL] [--parallel N] [--json]
                       ftx sweep [spec options] --print-spec      writes the spec these options make
                  Trains one model per combination of the options given as comma-separated lists, evaluates
                  each like `ftx evaluate`, and lands each row in DIR as it finishes: DIR/ROW (its
                  checkpoint, written whole or not at all), DIR/results.json (the spec, and every row with
                  its full options) and DIR/results.md. The same command again with the same DIR keeps the
                  rows already finished (recognised by their options) and runs the rest.
                  Spec options:
                    --kappa-bits LIST   kappa values in bits, fractions allowed (default 1/64,1/8,1,8)
                    --latent-bits LIST  H values (default 8)
                    --baseline          also train the baseline (no Z) for each combination of the others
                    any of %s
                      as a value or a list (--seed 1,2,3 --kl-budget token,global); --task synthetic|reviews
                    --groups G --samples S --fresh-data N --eval-seed N   evaluation (20, 5, 256, 1)
                    --probe SECONDS     the live probe of `ftx train` in every row (default off)
                    --threads 1|2       training threads per row (default: 1 with --parallel above 1, else
                                        as `ftx train`); on Spark, the CPUs each row's task takes
                    --no-checkpoints    keep results.json only (with each row's sample groups), no folders
                  --spec FILE           the spec as JSON (as --print-spec writes it); no spec options then
                  Where rows run:
                    --master embedded   this computer (the default), --parallel N rows at a time (1)
                    --master local[N] | spark://HOST:PORT | yarn | k8s://...   Apache Spark: every row is a
                                        task; ./ftx adds the Spark module to the classpath for --master
                    --conf KEY=VALUE,...  Spark settings (spark.executor.memory=2g, ...)
                  Exit: 0 every row finished; 1 a row failed (listed in results.md with its message), the
                  sweep was stopped, or the master cannot be used; 2 bad input (nothing trained).
                  --json prints results.json on standard output at the end.
                """.formatted(String.join(" ", sweepable()));
    }

    /** The run options a spec may fix or vary, besides kappa, H and the task. */
    private static List<String> sweepable() {
        return RunOptions.NAMES.stream().filter(n -> !List.of("task", "latent-bits", "kappa-bits").contains(n)).toList();
    }

    @Override
    public Set<String> flags() {
        return Set.of("json", "baseline", "print-spec", "no-checkpoints");
    }

    @Override
    public void run(Args args, PrintStream out, PrintStream err) throws Exception {
        boolean json = args.flag("json");
        int parallel = args.integer("parallel", 1);
        String master = args.string("master", SweepRunners.EMBEDDED);
        Map<String, String> conf = conf(args.string("conf", ""));
        SweepSpec spec = args.has("spec") ? fromFile(args) : fromFlags(args, parallel);
        if (args.flag("print-spec")) {
            args.string("out", null);
            args.rejectUnknown();
            TrainCommand.usage(spec::rows); // a spec that would be refused is not printed
            out.print(spec.toJsonText());
            return;
        }
        Path dir = Path.of(args.required("out"));
        args.rejectUnknown();
        List<SweepRow> rows = TrainCommand.usage(spec::rows);
        TrainCommand.usage(() -> {
            try {
                SweepFolder.open(dir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        SweepRunner runner = TrainCommand.usage(() -> SweepRunners.forMaster(master, parallel, conf));
        RunControl control = new RunControl(); // Ctrl-C stops the rows in flight; finished rows stay
        Sweep.Outcome o;
        try (StopOnInterrupt ignored = new StopOnInterrupt(control, "ftx-sweep-stop"); runner) {
            o = Sweep.run(spec, dir, runner, new Progress(err, rows.size()), control);
            String report = runner.report();
            if (report != null) {
                err.println(report);
            }
            if (json) {
                Json.print(out, Json.MAPPER.readTree(Files.readString(dir.resolve(SweepFolder.RESULTS_JSON))));
            }
            err.printf("%d rows: %d finished now, %d kept from before, %d failed%s; results: %s, %s%n", o.planned(), o.done(),
                    o.skipped(), o.failed(), o.stopped() ? ", stopped before the rest" : "",
                    dir.resolve(SweepFolder.RESULTS_MD), dir.resolve(SweepFolder.RESULTS_JSON));
        }
        if (o.exitCode() != 0) {
            throw new IllegalStateException(o.failed() > 0 ? o.failed() + " row(s) failed (results.md lists them with their"
                    + " message); the others are in " + dir : "stopped; the same command again runs the rest");
        }
    }

    private static SweepSpec fromFile(Args args) throws java.io.IOException {
        Path file = Path.of(args.required("spec"));
        List<String> specFlags = new ArrayList<>(RunOptions.NAMES);
        specFlags.addAll(List.of("baseline", "groups", "samples", "fresh-data", "eval-seed", "probe", "threads",
                "no-checkpoints"));
        for (String f : specFlags) {
            if (args.has(f)) {
                throw new Args.UsageException("--spec gives the whole sweep; --" + f + " belongs in the spec file");
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new Args.UsageException("--spec " + file + ": no such file");
        }
        return TrainCommand.usage(() -> {
            try {
                return SweepSpec.read(file);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /** The spec that today's flags say. */
    private static SweepSpec fromFlags(Args args, int parallel) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, List<String>> vary = new LinkedHashMap<>();
        for (String name : RunOptions.NAMES) {
            String fallback = name.equals("kappa-bits") ? "1/64,1/8,1,8" : null;
            String v = args.string(name, fallback);
            if (v == null) {
                continue;
            }
            if (v.contains(",") || name.equals("kappa-bits") || name.equals("latent-bits")) {
                vary.put(name, Arrays.stream(v.split(",", -1)).map(String::trim).toList());
            } else {
                options.put(name, v);
            }
        }
        int threads = args.integer("threads", parallel > 1 ? 1 : TrainingThreads.count());
        Double probe = args.has("probe") ? TrainCommand.probeInterval(args) : null;
        return TrainCommand.usage(() -> new SweepSpec(options, vary, args.flag("baseline"),
                new SweepSpec.Evaluation(args.integer("groups", 20), args.integer("samples", 5),
                        args.integer("fresh-data", 256), args.longValue("eval-seed", 1)),
                probe, threads, !args.flag("no-checkpoints")));
    }

    /** "a=b,c=d" as settings. */
    private static Map<String, String> conf(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new Args.UsageException("--conf takes KEY=VALUE pairs separated by commas, got \"" + part + "\"");
            }
            m.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return m;
    }

    /** One line per row event on standard error. */
    private static final class Progress implements Sweep.Listener {
        private final PrintStream err;
        private final Map<String, Long> lastPrint = new java.util.concurrent.ConcurrentHashMap<>();
        private int total;

        Progress(PrintStream err, int total) {
            this.err = err;
            this.total = total;
        }

        @Override
        public void planned(List<SweepRow> toRun, int alreadyFinished) {
            total = toRun.size() + alreadyFinished;
            if (alreadyFinished > 0) {
                err.printf("%d of %d rows are finished in the folder already; running the other %d%n", alreadyFinished,
                        total, toRun.size());
            }
        }

        @Override
        public void started(SweepRow row, String where) {
            err.printf("[%d/%d] %s: started (%s)%n", row.index() + 1, total, row.name(), where);
        }

        @Override
        public void progress(SweepRow row, int step, int totalSteps, double msPerStep) {
            long now = System.nanoTime();
            Long last = lastPrint.get(row.name());
            if (last == null || now - last > 10_000_000_000L || step == totalSteps) {
                lastPrint.put(row.name(), now);
                err.printf("[%d/%d] %s: step %d/%d, %s left%n", row.index() + 1, total, row.name(), step, totalSteps,
                        TrainCommand.formatDuration((totalSteps - step) * msPerStep / 1000));
            }
        }

        @Override
        public void landed(SweepRow row, RowResult r) {
            err.printf("[%d/%d] %s: %s in %.0f s (%s)%n", row.index() + 1, total, row.name(),
                    r.failed() ? "FAILED: " + r.message() : "done", r.trainSeconds(), r.where());
        }

        @Override
        public void retried(SweepRow row, String why) {
            err.printf("[%d/%d] %s: runs again (%s)%n", row.index() + 1, total, row.name(), why);
        }
    }
}
