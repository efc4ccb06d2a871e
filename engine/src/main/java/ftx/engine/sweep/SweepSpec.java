package ftx.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.analysis.SyntheticEvaluation;
import ftx.engine.analysis.ZProbe;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.SyntheticTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sweep trains and how it measures each row: the one file that {@code ftx sweep --spec},
 * its flags ({@code --print-spec} writes what they say) and the app's Sweep page share, kept
 * whole in the sweep's {@code results.json}.
 *
 * @param options         training options every row shares ({@link RunOptions} names; the rest default)
 * @param vary            options given as lists: every combination is a row (kappa and H vary fastest)
 * @param baseline        also train the baseline (no Z) for every combination of the other options
 * @param evaluation      how each row is evaluated (the group method of {@code ftx evaluate})
 * @param probeSeconds    the live probe's interval in every row, or null for none
 * @param threadsPerRow   training threads of each row (1 or 2); on Spark, the CPUs a row's task takes
 * @param keepCheckpoints keep each row's checkpoint folder (else results.json alone, with the sample groups)
 */
public record SweepSpec(Map<String, String> options, Map<String, List<String>> vary, boolean baseline,
                        Evaluation evaluation, Double probeSeconds, int threadsPerRow, boolean keepCheckpoints) {
    /** The format of the spec file. */
    public static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * How rows are evaluated: groups of samples sharing one Z against groups with fresh Z, and CE
     * and KL on freshData fresh samples, at evaluation seed seed.
     */
    public record Evaluation(int groups, int samples, int freshData, long seed) {
        public Evaluation {
            new SyntheticEvaluation.Settings(groups, samples, freshData, 1.0, seed); // its checks and messages
        }

        public static Evaluation defaults() {
            return new Evaluation(20, 5, 256, 1);
        }

        public SyntheticEvaluation.Settings settings() {
            return new SyntheticEvaluation.Settings(groups, samples, freshData, 1.0, seed);
        }
    }

    public SweepSpec {
        options = Map.copyOf(options);
        Map<String, List<String>> v = new LinkedHashMap<>();
        vary.forEach((k, list) -> v.put(k, List.copyOf(list)));
        vary = java.util.Collections.unmodifiableMap(v);
        if (evaluation == null) {
            evaluation = Evaluation.defaults();
        }
        if (threadsPerRow < 1 || threadsPerRow > 2) {
            throw new IllegalArgumentException("threadsPerRow must be 1 or 2, got " + threadsPerRow);
        }
        if (probeSeconds != null && !(probeSeconds >= 0 && Double.isFinite(probeSeconds))) {
            throw new IllegalArgumentException("probeSeconds must be a number of seconds >= 0 or null, got " + probeSeconds);
        }
    }

    /** The task every row trains. */
    public String task() {
        return options.getOrDefault("task", "synthetic");
    }

    /** The probe's settings when the probe is on. */
    public ZProbe.Settings probeSettings() {
        return ZProbe.Settings.defaults();
    }

    /**
     * Every row, checked before any training: an unknown option, a value the engine would
     * refuse, a task that cannot be evaluated, or two rows that train the same model throw
     * {@link IllegalArgumentException} naming it.
     */
    public List<SweepRow> rows() {
        if (!task().equals(SyntheticTask.NAME) && !task().equals(ReviewsTask.NAME)) {
            throw new IllegalArgumentException("a sweep evaluates the synthetic and reviews tasks, not " + task());
        }
        for (Map.Entry<String, List<String>> e : vary.entrySet()) {
            if (!RunOptions.NAMES.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown option --" + e.getKey() + " in \"vary\"; a run's options are "
                        + String.join(", ", RunOptions.NAMES));
            }
            if (e.getKey().equals("task")) {
                throw new IllegalArgumentException("a sweep trains one task; \"task\" cannot vary");
            }
            if (options.containsKey(e.getKey())) {
                throw new IllegalArgumentException("--" + e.getKey() + " is both fixed (\"options\") and varied (\"vary\")");
            }
            if (e.getValue().isEmpty() || e.getValue().stream().anyMatch(x -> x == null || x.isBlank())) {
                throw new IllegalArgumentException("--" + e.getKey() + " lists an empty value: " + e.getValue());
            }
        }
        List<Map<String, String>> outer = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (String name : RunOptions.NAMES) {
            if (vary.containsKey(name) && !name.equals("latent-bits") && !name.equals("kappa-bits")) {
                outer = product(outer, name, vary.get(name));
            }
        }
        List<String> hs = vary.getOrDefault("latent-bits", List.of(options.getOrDefault("latent-bits", "8")));
        List<String> kappas = vary.getOrDefault("kappa-bits", List.of(options.getOrDefault("kappa-bits", "1/8")));
        List<SweepRow> rows = new ArrayList<>();
        Map<RunOptions, String> seen = new HashMap<>();
        for (Map<String, String> o : outer) {
            for (String h : hs) {
                for (String k : kappas) {
                    Map<String, String> given = new LinkedHashMap<>(o);
                    given.put("latent-bits", h);
                    given.put("kappa-bits", k);
                    add(rows, seen, given);
                }
            }
            if (baseline) {
                Map<String, String> given = new LinkedHashMap<>(o);
                given.put("latent-bits", "0");
                given.put("kappa-bits", "0");
                add(rows, seen, given);
            }
        }
        return rows;
    }

    private void add(List<SweepRow> rows, Map<RunOptions, String> seen, Map<String, String> rowValues) {
        Map<String, String> given = new LinkedHashMap<>(options);
        given.putAll(rowValues);
        RunOptions full;
        try {
            full = RunOptions.complete(given);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + (vary.isEmpty() ? "" : " (in the row " + rowValues + ")"), e);
        }
        if (full.latentBits() == 0 && !rowValues.get("latent-bits").equals("0")) {
            throw new IllegalArgumentException("--latent-bits 0 is the baseline: ask for it with \"baseline\": true");
        }
        Map<String, String> varied = new LinkedHashMap<>();
        for (String name : RunOptions.NAMES) {
            if (vary.containsKey(name) && vary.get(name).size() > 1 && !name.equals("latent-bits") && !name.equals("kappa-bits")) {
                varied.put(name, full.get(name));
            }
        }
        SweepRow row = new SweepRow(rows.size(), SweepRow.name(full, varied), full, varied);
        String before = seen.putIfAbsent(full, row.name());
        if (before != null) {
            throw new IllegalArgumentException("the rows " + before + " and " + row.name() + " train the same model; list"
                    + " each value once");
        }
        rows.add(row);
    }

    private static List<Map<String, String>> product(List<Map<String, String>> in, String name, List<String> values) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Map<String, String> m : in) {
            for (String v : values) {
                Map<String, String> c = new LinkedHashMap<>(m);
                c.put(name, v.trim());
                out.add(c);
            }
        }
        return out;
    }

    /** The spec as JSON (the file's content). */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        ObjectNode o = root.putObject("options");
        RunOptions.NAMES.stream().filter(options::containsKey).forEach(n -> o.put(n, options.get(n)));
        ObjectNode v = root.putObject("vary");
        RunOptions.NAMES.stream().filter(vary::containsKey).forEach(n -> vary.get(n).forEach(v.withArray(n)::add));
        vary.keySet().stream().filter(n -> !RunOptions.NAMES.contains(n)).forEach(n -> vary.get(n).forEach(v.withArray(n)::add));
        root.put("baseline", baseline);
        ObjectNode e = root.putObject("evaluation");
        e.put("groups", evaluation.groups());
        e.put("samples", evaluation.samples());
        e.put("freshData", evaluation.freshData());
        e.put("seed", evaluation.seed());
        if (probeSeconds == null) {
            root.putNull("probeSeconds");
        } else {
            root.put("probeSeconds", probeSeconds);
        }
        root.put("threadsPerRow", threadsPerRow);
        root.put("keepCheckpoints", keepCheckpoints);
        return root;
    }

    public String toJsonText() {
        try {
            return JSON.writeValueAsString(toJson()) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJsonText());
    }

    /** Reads a spec file; an unknown field, a wrong type or a bad value throws naming it. */
    public static SweepSpec read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a JSON sweep spec: " + e.getMessage(), e);
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** A spec from its JSON. */
    public static SweepSpec fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a sweep spec is a JSON object");
        }
        List<String> known = List.of("format", "options", "vary", "baseline", "evaluation", "probeSeconds", "threadsPerRow",
                "keepCheckpoints");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new IllegalArgumentException("unknown field \"" + f + "\"; a spec has " + String.join(", ", known));
            }
        }
        if (root.has("format") && root.get("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("spec format " + root.get("format") + " is not " + FORMAT);
        }
        Map<String, String> options = new LinkedHashMap<>();
        root.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), scalar(e.getKey(), e.getValue())));
        Map<String, List<String>> vary = new LinkedHashMap<>();
        root.path("vary").fields().forEachRemaining(e -> {
            List<String> values = new ArrayList<>();
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException("\"vary\": --" + e.getKey() + " must be a list of values");
            }
            e.getValue().forEach(x -> values.add(scalar(e.getKey(), x)));
            vary.put(e.getKey(), values);
        });
        JsonNode ev = root.path("evaluation");
        Evaluation d = Evaluation.defaults();
        Evaluation evaluation = new Evaluation(ev.path("groups").asInt(d.groups()), ev.path("samples").asInt(d.samples()),
                ev.path("freshData").asInt(d.freshData()), ev.path("seed").asLong(d.seed()));
        JsonNode probe = root.path("probeSeconds");
        return new SweepSpec(options, vary, root.path("baseline").asBoolean(false), evaluation,
                probe.isNumber() ? probe.asDouble() : null, root.path("threadsPerRow").asInt(1),
                root.path("keepCheckpoints").asBoolean(true));
    }

    private static String scalar(String option, JsonNode v) {
        if (v.isTextual() || v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        throw new IllegalArgumentException("--" + option + ": a value must be a string or a number, got " + v);
    }
}
