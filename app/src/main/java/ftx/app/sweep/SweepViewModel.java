package ftx.app.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.app.common.TaskRunner;
import ftx.engine.sweep.RowResult;
import ftx.engine.sweep.Sweep;
import ftx.engine.sweep.SweepFolder;
import ftx.engine.sweep.SweepRow;
import ftx.engine.sweep.SweepRunner;
import ftx.engine.sweep.SweepRunners;
import ftx.engine.sweep.SweepSpec;
import ftx.engine.train.RunControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Sweep page's state: the grid (kappa values, H, seeds, the latent recipe, any other option
 * as a list), its row count, where it runs (this computer or a Spark master), the rows as they
 * run, and the phase diagram of the sweep on show (the bundled one until another is opened).
 */
public final class SweepViewModel {
    public final StringProperty kappas = new SimpleStringProperty("1/64,1/16,1/8,1/2,1,2,8");
    public final StringProperty latentBits = new SimpleStringProperty("8");
    public final StringProperty seeds = new SimpleStringProperty("1,2,3");
    public final StringProperty steps = new SimpleStringProperty("2000");
    public final StringProperty dModel = new SimpleStringProperty("64");
    public final StringProperty ffn = new SimpleStringProperty("192");
    public final StringProperty batch = new SimpleStringProperty("32");
    public final StringProperty klBudget = new SimpleStringProperty("token");
    /** Other options as "name=v1,v2; name=v" (any sweepable option, one value or a list). */
    public final StringProperty extra = new SimpleStringProperty("");
    public final BooleanProperty baseline = new SimpleBooleanProperty(true);
    public final StringProperty groups = new SimpleStringProperty("20");
    /** "embedded" (this computer) or a Spark master URL. */
    public final StringProperty master = new SimpleStringProperty(SweepRunners.EMBEDDED);
    public final StringProperty parallel = new SimpleStringProperty("1");
    public final StringProperty rowCount = new SimpleStringProperty("");
    /** The estimated time of the grid on this computer, once measured ({@link #estimate}). */
    public final StringProperty estimate = new SimpleStringProperty("");
    public final StringProperty status = new SimpleStringProperty("");
    public final StringProperty folder = new SimpleStringProperty("");
    public final BooleanProperty running = new SimpleBooleanProperty();
    public final ObjectProperty<PhaseData> phase = new SimpleObjectProperty<>(PhaseData.empty());
    private final ObservableList<RowState> rows = FXCollections.observableArrayList();
    private final Map<String, RowState> live = new ConcurrentHashMap<>();
    private final List<String> order = new ArrayList<>();
    private final TaskRunner tasks;
    private final Path sweeps;
    private final Path bundled;
    private RunControl control;

    /** sweeps: where new sweeps go (~/.ftx/sweeps); bundled: a sweep folder to show first, or null. */
    public SweepViewModel(TaskRunner tasks, Path sweeps, Path bundled) {
        this.tasks = tasks;
        this.sweeps = sweeps;
        this.bundled = bundled;
        for (StringProperty p : List.of(kappas, latentBits, seeds, steps, dModel, ffn, batch, klBudget, extra, groups)) {
            p.addListener((o, was, now) -> {
                count();
                estimate.set("");
            });
        }
        baseline.addListener((o, was, now) -> count());
        count();
        if (bundled != null && Files.isRegularFile(bundled.resolve(SweepFolder.RESULTS_JSON))) {
            open(bundled);
        } else {
            status.set("Build a grid and press Start, or open a sweep folder.");
        }
    }

    public ObservableList<RowState> rows() {
        return rows;
    }

    /** The sweep the fields describe; IllegalArgumentException names what is wrong. */
    public SweepSpec spec() {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, List<String>> vary = new LinkedHashMap<>();
        put(options, vary, "kappa-bits", kappas.get(), true);
        put(options, vary, "latent-bits", latentBits.get(), true);
        put(options, vary, "seed", seeds.get(), false);
        put(options, vary, "steps", steps.get(), false);
        put(options, vary, "d-model", dModel.get(), false);
        put(options, vary, "ffn", ffn.get(), false);
        put(options, vary, "batch", batch.get(), false);
        put(options, vary, "kl-budget", klBudget.get(), false);
        for (String part : extra.get().split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("other options look like name=value or name=v1,v2; got \"" + part.trim() + "\"");
            }
            put(options, vary, part.substring(0, eq).trim(), part.substring(eq + 1), false);
        }
        int g = parse(groups.get(), "groups");
        int threads = parse(parallel.get(), "rows at a time") > 1 ? 1 : 2;
        return new SweepSpec(options, vary, baseline.get(), new SweepSpec.Evaluation(g, 5, 256, 1), null, threads, true);
    }

    private static void put(Map<String, String> options, Map<String, List<String>> vary, String name, String text,
                            boolean always) {
        List<String> values = Arrays.stream(text.split(",")).map(String::trim).toList();
        if (values.size() > 1 || always) {
            vary.put(name, values);
        } else if (!values.get(0).isEmpty()) {
            options.put(name, values.get(0));
        }
    }

    private static int parse(String text, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, got \"" + text + "\"");
        }
    }

    private void count() {
        try {
            int n = spec().rows().size();
            rowCount.set(n + (n == 1 ? " row" : " rows"));
        } catch (IllegalArgumentException e) {
            rowCount.set(e.getMessage());
        }
    }

    /**
     * Measures the grid's time on this computer: ten training steps of its largest row (after
     * six to warm up) and one evaluation with the grid's settings, on the task runner; then
     * rows x (steps x ms per step + evaluation), divided among the rows at a time.
     */
    public void estimate() {
        SweepSpec spec;
        List<SweepRow> plan;
        int atATime;
        try {
            spec = spec();
            plan = spec.rows();
            atATime = parse(parallel.get(), "rows at a time");
        } catch (IllegalArgumentException e) {
            estimate.set(e.getMessage());
            return;
        }
        SweepRow biggest = plan.stream().max(java.util.Comparator.comparingLong(r -> (long) Integer.parseInt(
                r.options().get("d-model")) * Integer.parseInt(r.options().get("batch")) * Math.max(1, r.options().latentBits())))
                .orElseThrow();
        estimate.set("measuring a few steps of " + biggest.name() + "...");
        tasks.run(() -> GridTiming.measure(spec, biggest), t -> {
            double seconds = 0;
            for (SweepRow r : plan) {
                seconds += Integer.parseInt(r.options().get("steps")) * t.msPerStep() / 1000 + t.evaluationSeconds();
            }
            seconds /= Math.max(1, atATime);
            estimate.set(String.format("about %s on this computer (%.0f ms/step, %.0f s per evaluation, measured)",
                    duration(seconds), t.msPerStep(), t.evaluationSeconds()));
        }, e -> estimate.set("could not measure: " + e.getMessage()));
    }

    private static String duration(double s) {
        return s >= 3600 ? String.format("%.1f h", s / 3600) : s >= 60 ? String.format("%.0f min", s / 60)
                : String.format("%.0f s", s);
    }

    /** Starts the grid's sweep into a new folder under the sweeps folder. */
    public void start() {
        Path out = sweeps.resolve("sweep-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            run(spec(), out);
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
        }
    }

    /** Runs the spec of the sweep on show again into its folder: its finished rows stay, the rest run. */
    public void resume() {
        Path dir = folder.get().isBlank() ? null : Path.of(folder.get());
        if (dir == null || dir.equals(bundled)) {
            status.set("Open a sweep folder of yours to finish it (the bundled one is complete).");
            return;
        }
        JsonNode root = read(dir);
        try {
            run(SweepSpec.fromJson(root == null ? null : root.get("spec")), dir);
        } catch (RuntimeException e) {
            status.set("Cannot resume " + dir + ": " + e.getMessage());
        }
    }

    private void run(SweepSpec spec, Path out) {
        if (running.get()) {
            return;
        }
        SweepRunner runner;
        List<SweepRow> plan;
        try {
            plan = spec.rows();
            runner = SweepRunners.forMaster(master.get().trim(), parse(parallel.get(), "rows at a time"), Map.of());
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        folder.set(out.toString());
        live.clear();
        order.clear();
        plan.forEach(r -> {
            order.add(r.name());
            live.put(r.name(), new RowState(r.name(), RowState.QUEUED, 0, Integer.parseInt(r.options().get("steps")),
                    Double.NaN, "", ""));
        });
        refresh();
        control = new RunControl();
        RunControl c = control;
        running.set(true);
        status.set("Running " + plan.size() + " rows on " + runner.describe() + " into " + out);
        tasks.run(() -> {
            try (runner) {
                return Sweep.run(spec, out, runner, listener(), c);
            }
        }, o -> {
            running.set(false);
            refresh();
            status.set(o.stopped() ? "Stopped: " + o.done() + " rows finished (they stay; Start again runs the rest)."
                    : o.done() + " rows finished, " + o.skipped() + " kept from before, " + o.failed() + " failed, in " + out);
            reload(out);
        }, e -> {
            running.set(false);
            status.set("The sweep stopped: " + e.getMessage());
            reload(out);
        });
    }

    private Sweep.Listener listener() {
        return new Sweep.Listener() {
            @Override
            public void planned(List<SweepRow> toRun, int alreadyFinished) {
                java.util.Set<String> names = new java.util.HashSet<>();
                toRun.forEach(r -> names.add(r.name()));
                live.replaceAll((n, s) -> names.contains(n) ? s : new RowState(n, RowState.DONE, s.totalSteps(),
                        s.totalSteps(), 0, "", "finished before"));
            }

            @Override
            public void started(SweepRow row, String where) {
                live.put(row.name(), new RowState(row.name(), RowState.RUNNING, 0, total(row), Double.NaN, where, ""));
            }

            @Override
            public void progress(SweepRow row, int step, int totalSteps, double msPerStep) {
                RowState s = live.get(row.name());
                live.put(row.name(), new RowState(row.name(), RowState.RUNNING, step, totalSteps,
                        (totalSteps - step) * msPerStep / 1000, s == null ? "" : s.where(), ""));
            }

            @Override
            public void landed(SweepRow row, RowResult r) {
                live.put(row.name(), new RowState(row.name(), r.failed() ? RowState.FAILED : RowState.DONE, r.steps(),
                        total(row), 0, r.where(), r.message()));
            }

            @Override
            public void retried(SweepRow row, String why) {
                live.put(row.name(), new RowState(row.name(), RowState.QUEUED, 0, total(row), Double.NaN, "", "runs again: " + why));
            }
        };
    }

    private static int total(SweepRow row) {
        return Integer.parseInt(row.options().get("steps"));
    }

    /** Copies the rows' latest states into the list (the view calls it a few times a second while running). */
    public void refresh() {
        List<RowState> now = order.stream().map(live::get).filter(java.util.Objects::nonNull).toList();
        if (!now.equals(rows)) {
            rows.setAll(now);
        }
        if (running.get() && !folder.get().isBlank()) {
            long landed = now.stream().filter(s -> s.state().equals(RowState.DONE) || s.state().equals(RowState.FAILED)).count();
            if (landed != lastLanded) {
                lastLanded = landed;
                reload(Path.of(folder.get()));
            }
        }
    }

    private long lastLanded = -1;

    /** Stops the rows in flight; finished rows stay. */
    public void stop() {
        if (control != null) {
            control.stop();
            status.set("Stopping: the rows in flight end within a step; finished rows stay.");
        }
    }

    /** Shows a sweep folder (one run from the command line too): its rows, its phase diagram, and its grid in the fields. */
    public void open(Path dir) {
        folder.set(dir.toString());
        JsonNode root = read(dir);
        if (root == null) {
            return;
        }
        phase.set(PhaseData.fromResults(root));
        try {
            if (root.has("spec") && !running.get()) {
                fill(SweepSpec.fromJson(root.get("spec")));
            }
        } catch (RuntimeException e) {
            // a spec this version cannot read: the fields stay as they are
        }
        if (!running.get()) {
            order.clear();
            live.clear();
            for (PhasePoint p : phase.get().points()) {
                order.add(p.row());
                live.put(p.row(), new RowState(p.row(), RowState.DONE, p.steps(), p.steps(), 0, p.where(), ""));
            }
            failed(root);
            refresh();
            int n = phase.get().points().size();
            status.set(n + (n == 1 ? " finished row in " : " finished rows in ") + dir);
        }
    }

    /** The fields from a spec: its fixed and varied values, defaults where it says nothing. */
    private void fill(SweepSpec spec) {
        Map<String, String> defaults = ftx.engine.sweep.RunOptions.complete(Map.of()).asMap();
        Map<String, StringProperty> fields = new LinkedHashMap<>();
        fields.put("kappa-bits", kappas);
        fields.put("latent-bits", latentBits);
        fields.put("seed", seeds);
        fields.put("steps", steps);
        fields.put("d-model", dModel);
        fields.put("ffn", ffn);
        fields.put("batch", batch);
        fields.put("kl-budget", klBudget);
        List<String> others = new ArrayList<>();
        for (String name : ftx.engine.sweep.RunOptions.NAMES) {
            String value = spec.vary().containsKey(name) ? String.join(",", spec.vary().get(name))
                    : spec.options().getOrDefault(name, fields.containsKey(name) ? defaults.get(name) : null);
            if (fields.containsKey(name)) {
                fields.get(name).set(value);
            } else if (value != null && !(name.equals("task") && value.equals("synthetic"))) {
                others.add(name + "=" + value);
            }
        }
        extra.set(String.join("; ", others));
        baseline.set(spec.baseline());
        groups.set(String.valueOf(spec.evaluation().groups()));
    }

    /** The failed rows of results.json, listed with their message. */
    private void failed(JsonNode root) {
        for (JsonNode r : root.path("rows")) {
            if ("failed".equals(r.path("status").asText())) {
                String n = r.path("name").asText();
                order.add(n);
                live.put(n, new RowState(n, RowState.FAILED, r.path("steps").asInt(), 0, 0, r.path("where").asText(),
                        r.path("message").asText()));
            }
        }
    }

    /** Shows the rows results.json holds now (while a sweep runs). */
    private void reload(Path dir) {
        if (!Files.isRegularFile(dir.resolve(SweepFolder.RESULTS_JSON))) {
            return; // the sweep has not written it yet
        }
        JsonNode root = read(dir);
        if (root != null) {
            phase.set(PhaseData.fromResults(root));
        }
    }

    /** The folder's results.json, or null (and the status says why) when it has none or it cannot be read. */
    private JsonNode read(Path dir) {
        Path file = dir.resolve(SweepFolder.RESULTS_JSON);
        if (!Files.isRegularFile(file)) {
            status.set(dir + " holds no " + SweepFolder.RESULTS_JSON + " yet");
            return null;
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (java.io.IOException | RuntimeException e) {
            status.set("Cannot read " + file + ": " + e.getMessage());
            return null;
        }
    }

    /** The folder of a row's checkpoint, or null when the sweep keeps none. */
    public Path checkpointOf(PhasePoint p) {
        return p.checkpoint() == null || folder.get().isBlank() ? null : Path.of(folder.get()).resolve(p.checkpoint());
    }
}
