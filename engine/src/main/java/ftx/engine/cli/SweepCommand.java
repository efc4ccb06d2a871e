package ftx.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.ModelHandle;
import ftx.engine.analysis.ProbeReading;
import ftx.engine.analysis.ZProbe;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ftx sweep}: trains one model per (H, kappa) and per combination of any other training
 * options given as lists ({@code --seed 1,2 --kl-budget token,global}), evaluates each with the
 * group method, and writes {@code results.md} and {@code results.json} after every row (a stopped
 * sweep keeps the rows it finished).
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
                  Any of %s
                  may be a comma-separated list: the sweep trains every combination (with every H and
                  kappa), naming each row by the values it varies, e.g. --seed 1,2 --kl-budget token,global.
                  --probe SECONDS (default off here): the live probe of `ftx train` in every row; each row
                  then reports the first probed step where shared-Z pairs agree 3x as often as chance.
                  --json prints results.json on standard output at the end.
                """.formatted(String.join(" ", SWEEPABLE));
    }

    /** Training options a sweep may vary (besides --kappa-bits and --latent-bits). */
    static final List<String> SWEEPABLE = List.of("kl-budget", "seed", "steps", "d-model", "layers", "heads", "ffn", "batch",
            "lr", "warmup", "min-lr-ratio", "weight-decay", "clip", "kappa-start-bits", "kappa-warmup", "latent-lr-scale",
            "freeze-encoder-at", "prior-z-share", "prior-z-from");

    @Override
    public Set<String> flags() {
        return Set.of("json", "baseline");
    }

    /** One trained and evaluated model; options: the values of the varied options; decisiveStep: -1 if none or no probe. */
    private record Row(String name, int latentBits, double kappaBits, Map<String, String> options, double wallSeconds,
                       TrainingOutcome outcome, ObjectNode evaluation, int decisiveStep) {
    }

    /** One planned row: H, kappa in bits (NaN for the baseline), and the varied options' values. */
    private record Plan(int latentBits, double kappaBits, Map<String, String> options) {
        String name() {
            StringBuilder b = new StringBuilder(latentBits == 0 ? "baseline" : "h" + latentBits + "-kappa-" + bits(kappaBits)
                    + "-bits");
            options.forEach((k, v) -> b.append('-').append(k).append('-').append(v.replace('/', '-').replace('.', 'p')));
            return b.toString();
        }
    }

    /** Every combination of the listed values of the options given as lists, in the order of SWEEPABLE. */
    private static List<Map<String, String>> combinations(Args args) {
        List<Map<String, String>> out = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (String option : SWEEPABLE) {
            String v = args.string(option, "");
            if (!v.contains(",")) {
                continue;
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> m : out) {
                for (String value : v.split(",", -1)) {
                    if (value.isBlank()) {
                        throw new Args.UsageException("--" + option + " lists an empty value: \"" + v + "\"");
                    }
                    Map<String, String> c = new LinkedHashMap<>(m);
                    c.put(option, value.trim());
                    next.add(c);
                }
            }
            out = next;
        }
        return out;
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
        List<Plan> plans = new ArrayList<>();
        List<Map<String, String>> combos = combinations(args);
        for (Map<String, String> options : combos) {
            for (double h : hs) {
                if (h != Math.rint(h) || h < 1) {
                    throw new Args.UsageException("--latent-bits values must be whole numbers >= 1, got " + h);
                }
                for (double k : kappas) {
                    plans.add(new Plan((int) h, k, options));
                }
            }
            if (baseline) {
                plans.add(new Plan(0, Double.NaN, options));
            }
        }
        Double probe = args.has("probe") ? TrainCommand.probeInterval(args) : null;
        List<FreeTransformerConfig> models = new ArrayList<>();
        List<TrainingConfig> configs = new ArrayList<>();
        for (Plan p : plans) { // every config is checked before the first step is trained
            Args row = args.with(p.options());
            models.add(TrainCommand.modelConfig(row, task, p.latentBits()));
            configs.add(TrainCommand.trainingConfig(row, Double.isNaN(p.kappaBits()) ? 0 : p.kappaBits() * TrainingConfig.LOG2));
        }
        markRead(args);
        args.rejectUnknown();
        for (Plan p : plans) {
            TrainCommand.outFolder(dir.resolve(p.name()).toString());
        }
        Files.createDirectories(dir);
        List<Row> rows = new ArrayList<>();
        RunControl control = new RunControl(); // one for the sweep: Ctrl-C stops the row in flight and the rest
        try (StopOnInterrupt ignored = new StopOnInterrupt(control, "ftx-sweep-stop")) { // open until all is printed
            for (int i = 0; i < plans.size(); i++) {
                Plan p = plans.get(i);
                String name = p.name();
                err.printf("[%d/%d] %s%n", i + 1, plans.size(), name);
                long t0 = System.nanoTime();
                Trainer trainer = Trainer.start(models.get(i), task, configs.get(i));
                if (probe != null) {
                    trainer.setProbe(probe, ZProbe.Settings.defaults());
                }
                TrainingOutcome o = trainer.run(new TrainCommand.Progress(err, null, new AtomicReference<TrainingEvent>()),
                        control, dir.resolve(name));
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
                int decisive = trainer.probes().stream().filter(r -> r.sharedOverChance() >= 3).mapToInt(ProbeReading::step)
                        .findFirst().orElse(-1);
                rows.add(new Row(name, p.latentBits(), p.kappaBits(), p.options(), wall, o, eval, decisive));
                write(dir, task, rows, args);
            }
            if (json) {
                Json.print(out, results(task, rows));
            }
            err.println(rows.isEmpty() ? "no row finished, so no results were written"
                    : "results: " + dir.resolve("results.md") + ", " + dir.resolve("results.json"));
        }
    }

    /** The training options a row reads on its own copy of args count as read on args (for the typo check). */
    private static void markRead(Args args) {
        for (String o : SWEEPABLE) {
            args.string(o, null);
        }
        args.string("save-every", null);
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
            ObjectNode options = o.putObject("options");
            r.options().forEach(options::put);
            if (r.decisiveStep() >= 0) {
                o.put("firstStepAt3xChance", r.decisiveStep());
            }
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
                        r.evaluation(), r.decisiveStep())).toList()));
    }

    private static void atomicWrite(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
