package ftx.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.ModelHandle;
import ftx.engine.checkpoint.CheckpointFolder;
import ftx.engine.analysis.ReviewsEvaluation;
import ftx.engine.analysis.SyntheticEvaluation;
import ftx.engine.analysis.SyntheticEvaluationReport;
import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.SyntheticTask;
import ftx.engine.task.Task;
import ftx.engine.train.RunControl;
import ftx.engine.train.Trainer;
import ftx.engine.train.TrainingConfig;
import ftx.engine.train.TrainingEvent;
import ftx.engine.train.TrainingOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ftx sweep}: trains one model per (H, kappa) and evaluates each with the group method,
 * writing {@code results.md} and {@code results.json} after every row (a stopped sweep keeps the
 * rows it finished).
 */
final class SweepCommand implements Command {
    @Override
    public String name() {
        return "sweep";
    }

    @Override
    public String summary() {
        return "train and evaluate a list of kappa (and H) values; writes a results table (Markdown and JSON)";
    }

    @Override
    public String usage() {
        return """
                usage: ftx sweep --out DIR [--kappa-bits LIST] [--latent-bits LIST] [--baseline] [options]
                  Trains one model per (H, kappa) into DIR/h<H>-kappa-<k>-bits, evaluates it like
                  `ftx evaluate`, and writes DIR/results.md and DIR/results.json after every row.
                  --kappa-bits LIST   kappa values in bits, fractions allowed (default 1/64,1/8,1,8)
                  --latent-bits LIST  H values (default 8)
                  --baseline          also train the baseline (no Z) with the same options
                  --groups G --samples S --fresh-data N --eval-seed N   evaluation (20, 5, 256, 1)
                  Task, model, optimiser and latent-recipe options: as `ftx train` (--task synthetic
                  or reviews, --d-model, --steps, --batch, --lr, --kl-budget, --latent-lr-scale, --threads, ...).
                  --json prints results.json on standard output at the end.
                """;
    }

    @Override
    public Set<String> flags() {
        return Set.of("json", "baseline");
    }

    /** One trained and evaluated model. */
    private record Row(String name, int latentBits, double kappaBits, double wallSeconds, TrainingOutcome outcome,
                       ObjectNode evaluation) {
    }

    @Override
    public void run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path dir = sweepFolder(args.required("out"));
        List<Double> kappas = parseList(args.string("kappa-bits", "1/64,1/8,1,8"), "kappa-bits");
        List<Double> hs = parseList(args.string("latent-bits", "8"), "latent-bits");
        boolean baseline = args.flag("baseline");
        boolean json = args.flag("json");
        SyntheticEvaluation.Settings settings;
        try {
            settings = new SyntheticEvaluation.Settings(args.integer("groups", 20), args.integer("samples", 5),
                    args.integer("fresh-data", 256), 1.0, args.longValue("eval-seed", 1));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        Task task = TrainCommand.task(args);
        TrainCommand.threads(args);
        if (!task.name().equals(SyntheticTask.NAME) && !task.name().equals(ReviewsTask.NAME)) {
            throw new Args.UsageException("sweep evaluates the synthetic and reviews tasks, not " + task.name());
        }
        List<int[]> runs = new ArrayList<>(); // {H, index into kappas or -1 for the baseline}
        for (double h : hs) {
            if (h != Math.rint(h) || h < 1) {
                throw new Args.UsageException("--latent-bits values must be whole numbers >= 1, got " + h);
            }
            for (int k = 0; k < kappas.size(); k++) {
                runs.add(new int[] {(int) h, k});
            }
        }
        if (baseline) {
            runs.add(new int[] {0, -1});
        }
        List<FreeTransformerConfig> models = new ArrayList<>();
        List<TrainingConfig> configs = new ArrayList<>();
        for (int[] r : runs) { // every config is checked before the first step is trained
            models.add(TrainCommand.modelConfig(args, task, r[0]));
            configs.add(TrainCommand.trainingConfig(args, r[1] < 0 ? 0 : kappas.get(r[1]) * TrainingConfig.LOG2));
        }
        args.rejectUnknown();
        for (int[] r : runs) {
            TrainCommand.outFolder(dir.resolve(rowName(r[0], r[1] < 0 ? Double.NaN : kappas.get(r[1]))).toString());
        }
        Files.createDirectories(dir);
        List<Row> rows = new ArrayList<>();
        RunControl control = new RunControl(); // one for the sweep: Ctrl-C stops the row in flight and the rest
        try (StopOnInterrupt ignored = new StopOnInterrupt(control, "ftx-sweep-stop")) { // open until all is printed
            for (int i = 0; i < runs.size(); i++) {
                double kBits = runs.get(i)[1] < 0 ? Double.NaN : kappas.get(runs.get(i)[1]);
                String name = rowName(runs.get(i)[0], kBits);
                err.printf("[%d/%d] %s%n", i + 1, runs.size(), name);
                long t0 = System.nanoTime();
                TrainingOutcome o = Trainer.start(models.get(i), task, configs.get(i))
                        .run(new TrainCommand.Progress(err, null, new AtomicReference<TrainingEvent>()), control, dir.resolve(name));
                double wall = (System.nanoTime() - t0) / 1e9;
                if (o.status() == TrainingOutcome.Status.STOPPED) { // Ctrl-C: the JVM is exiting
                    err.println(name + ": " + o.message() + "; the sweep stops here, its finished rows are in " + dir);
                    break;
                }
                if (o.status() == TrainingOutcome.Status.DIVERGED) {
                    err.println(name + ": " + o.message() + "; no row for it, the sweep goes on");
                    continue;
                }
                FreeTransformer model = ModelHandle.open(dir.resolve(name)).model();
                ObjectNode eval = task.name().equals(ReviewsTask.NAME)
                        ? ReviewsReportOutput.toJson(dir.resolve(name).toString(), ReviewsEvaluation.run(model, settings))
                        : EvaluateCommand.toJson(dir.resolve(name).toString(), SyntheticEvaluation.run(model, settings));
                rows.add(new Row(name, runs.get(i)[0], kBits, wall, o, eval));
                write(dir, task, rows, args);
            }
            if (json) {
                Json.print(out, results(task, rows));
            }
            err.println(rows.isEmpty() ? "no row finished, so no results were written"
                    : "results: " + dir.resolve("results.md") + ", " + dir.resolve("results.json"));
        }
    }

    private static String rowName(int latentBits, double kappaBits) {
        return latentBits == 0 ? "baseline" : "h" + latentBits + "-kappa-" + bits(kappaBits) + "-bits";
    }

    /** --out: new, empty, or a sweep's folder (its results files and checkpoint folders), else bad usage. */
    private static Path sweepFolder(String out) throws IOException {
        Path dir = TrainCommand.usage(() -> {
            if (out.isBlank()) {
                throw new IllegalArgumentException("--out is an empty path; give the folder for the sweep");
            }
            return Path.of(out);
        });
        if (!Files.exists(dir)) {
            return dir;
        }
        if (!Files.isDirectory(dir)) {
            throw new Args.UsageException(dir + " is a file, not a folder; give a new folder for the sweep");
        }
        try (var entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p)) {
                    TrainCommand.outFolder(p.toString()); // a row: names what in it is not the tool's
                } else if (!name.matches("results\\.(md|json)(\\.tmp)?")) {
                    throw new Args.UsageException(dir + " holds " + name + ", which this tool did not write; a sweep"
                            + " writes to a new folder, an empty one, or one of its own");
                }
            }
        }
        return dir;
    }

    /** Parses "1/64,1/8,1,8" into numbers. */
    static List<Double> parseList(String list, String option) {
        List<Double> values = new ArrayList<>();
        for (String part : list.split(",")) {
            String p = part.trim();
            try {
                int slash = p.indexOf('/');
                double v = slash < 0 ? Double.parseDouble(p)
                        : Double.parseDouble(p.substring(0, slash)) / Double.parseDouble(p.substring(slash + 1));
                if (!(v > 0) || !Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                values.add(v);
            } catch (NumberFormatException e) {
                throw new Args.UsageException("--" + option + " must be a comma-separated list of positive numbers"
                        + " (fractions like 1/8 allowed), got \"" + p + "\"");
            }
        }
        return values;
    }

    /** 0.125 -> "1-8", 1 -> "1", 0.3 -> "0p3" (for folder names). */
    static String bits(double kBits) {
        return SweepTable.fraction(kBits).replace('/', '-').replace('.', 'p');
    }

    private static ObjectNode results(Task task, List<Row> rows) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("task", task.name());
        ArrayNode list = root.putArray("rows");
        for (Row r : rows) {
            ObjectNode o = list.addObject();
            o.put("name", r.name());
            o.put("latentBits", r.latentBits());
            EvaluateCommand.number(o, "kappaBits", r.kappaBits());
            o.put("steps", r.outcome().step());
            o.put("trainSeconds", r.wallSeconds());
            o.set("evaluation", r.evaluation());
        }
        return root;
    }

    private static void write(Path dir, Task task, List<Row> rows, Args args) throws IOException {
        atomicWrite(dir.resolve("results.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(results(task, rows)) + "\n");
        atomicWrite(dir.resolve("results.md"), SweepTable.markdown(task.name(), rows.stream()
                .map(r -> new SweepTable.Line(r.name(), r.latentBits(), r.kappaBits(), r.outcome().step(), r.wallSeconds(),
                        r.evaluation())).toList()));
    }

    private static void atomicWrite(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
