package ftx.engine.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.checkpoint.CheckpointFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A sweep's output folder: {@code results.json} (the spec and every row, with its full options),
 * {@code results.md}, and a checkpoint folder per finished row. A row trains into a hidden
 * {@code .partial-NAME} folder that becomes {@code NAME} in one rename when it lands, so a row
 * folder is never half-written; the results files are rewritten atomically as each row lands.
 * Rows already in {@code results.json} are kept: a row is recognised by its full options, not by
 * its folder name, and a finished one is not trained again. Nothing the tool did not write is
 * ever deleted.
 */
public final class SweepFolder {
    public static final String RESULTS_JSON = "results.json";
    public static final String RESULTS_MD = "results.md";
    static final String PARTIAL = ".partial-";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final List<ObjectNode> rows = new ArrayList<>();
    private String task;
    private JsonNode spec;
    private final Map<Map<String, String>, Integer> planOrder = new java.util.HashMap<>();

    private SweepFolder(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens dir for a sweep: new, empty, or a sweep's folder (its results files, row checkpoint
     * folders and partial rows); anything else is refused, naming it (IllegalArgumentException).
     */
    public static SweepFolder open(Path dir) throws IOException {
        if (dir.toString().isBlank()) {
            throw new IllegalArgumentException("--out is an empty path; give the folder for the sweep");
        }
        SweepFolder f = new SweepFolder(dir);
        if (!Files.exists(dir)) {
            return f;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a folder; give a new folder for the sweep");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p)) {
                    CheckpointFolder.requireWritable(p); // a row: names what in it is not the tool's
                } else if (!name.matches("results\\.(md|json)(\\.tmp)?")) {
                    throw new IllegalArgumentException(dir + " holds " + name + ", which this tool did not write; a sweep"
                            + " writes to a new folder, an empty one, or one of its own");
                }
            }
        }
        f.read();
        return f;
    }

    /** Reads the rows an earlier run of the sweep left. */
    public static SweepFolder read(Path dir) throws IOException {
        SweepFolder f = new SweepFolder(dir);
        f.read();
        return f;
    }

    private void read() throws IOException {
        Path file = dir.resolve(RESULTS_JSON);
        if (!Files.isRegularFile(file)) {
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a sweep's results file (" + e.getMessage() + "); move it"
                    + " away or choose another --out", e);
        }
        task = root.path("task").asText(null);
        spec = root.get("spec");
        for (JsonNode r : root.path("rows")) {
            if (r.isObject()) {
                rows.add((ObjectNode) r);
            }
        }
    }

    public Path dir() {
        return dir;
    }

    /** The rows in results.json, in their order (this run's and earlier runs'). */
    public synchronized List<ObjectNode> rows() {
        return List.copyOf(rows);
    }

    /** The spec results.json keeps (the last run's), or null. */
    public synchronized JsonNode spec() {
        return spec;
    }

    /** True when results.json holds this row finished: the same full options, not failed. */
    public synchronized boolean finished(SweepRow row) {
        ObjectNode r = find(row.options().asMap());
        return r != null && !"failed".equals(r.path("status").asText());
    }

    private ObjectNode find(Map<String, String> options) {
        for (ObjectNode r : rows) {
            if (options(r).equals(new TreeMap<>(options))) {
                return r;
            }
        }
        return null;
    }

    private static Map<String, String> options(JsonNode row) {
        Map<String, String> m = new TreeMap<>();
        row.path("options").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return new TreeMap<>(RunOptions.withLaterDefaults(m));
    }

    /**
     * The row, renamed when an earlier run's row of other options holds its name (names say only
     * what varies within one run): the options that differ are added, e.g. {@code -seed-3}.
     */
    public synchronized SweepRow unclashed(SweepRow row) {
        Map<String, String> mine = new TreeMap<>(row.options().asMap());
        String name = row.name();
        for (int n = 2; ; n++) {
            String candidate = name;
            ObjectNode other = rows.stream().filter(r -> r.path("name").asText().equals(candidate)).findFirst().orElse(null);
            if (other == null || options(other).equals(mine)) {
                return name.equals(row.name()) ? row : new SweepRow(row.index(), name, row.options(), row.varied());
            }
            StringBuilder b = new StringBuilder(row.name());
            Map<String, String> theirs = options(other);
            for (String option : RunOptions.NAMES) {
                if (!mine.get(option).equals(theirs.get(option)) && !row.varied().containsKey(option)) {
                    b.append('-').append(option).append('-').append(SweepRow.folderText(mine.get(option)));
                }
            }
            name = b + (n > 2 || b.toString().equals(row.name()) ? "-" + n : "");
        }
    }

    /**
     * Starts this run: records the spec and the task, creates the folder, writes the results
     * files; the plan's rows are listed in its order, before rows of earlier runs.
     */
    public synchronized void begin(SweepSpec s, List<SweepRow> plan) throws IOException {
        plan.forEach(r -> planOrder.put(new TreeMap<>(r.options().asMap()), r.index()));
        if (task != null && !task.equals(s.task())) {
            throw new IllegalArgumentException(dir + " holds a sweep of the " + task + " task; this spec trains the "
                    + s.task() + " task: give another --out");
        }
        task = s.task();
        spec = s.toJson();
        Files.createDirectories(dir);
        write();
    }

    /** A new empty hidden folder for the row to train into (a partial folder left by a killed run is removed first). */
    public Path partial(SweepRow row) throws IOException {
        Path p = dir.resolve(PARTIAL + row.name());
        removeOurs(p);
        Files.createDirectories(p);
        return p;
    }

    /** Removes the partial folder of a row that did not land. */
    public synchronized void discard(SweepRow row) throws IOException {
        removeOurs(dir.resolve(PARTIAL + row.name()));
    }

    /**
     * A row has landed: its files (if the result carries them) go into its partial folder, which
     * becomes the row's folder in one rename (a failed row, or a sweep that keeps no checkpoints,
     * leaves none); then the row replaces any row with the same options in the results files.
     */
    public synchronized void land(SweepSpec s, SweepRow row, RowResult r, String runner) throws IOException {
        Path partial = dir.resolve(PARTIAL + row.name());
        Path folder = dir.resolve(row.name());
        boolean keep = s.keepCheckpoints() && !r.failed();
        if (keep && r.files() != null) {
            removeOurs(partial);
            Files.createDirectories(partial);
            for (Map.Entry<String, byte[]> e : r.files().entrySet()) {
                Files.write(partial.resolve(Path.of(e.getKey()).getFileName()), e.getValue());
            }
        }
        if (keep) {
            Files.deleteIfExists(partial.resolve(".ftx-lock"));
            Path old = dir.resolve(PARTIAL + row.name() + ".replaced");
            if (Files.exists(folder)) {
                removeOurs(old);
                Files.move(folder, old, StandardCopyOption.ATOMIC_MOVE); // an earlier, unfinished copy of this row
            }
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
            removeOurs(old);
        } else {
            removeOurs(partial);
        }
        ObjectNode node = RowJson.of(row, r.withoutFiles(), keep ? row.name() : null, runner);
        ObjectNode before = find(row.options().asMap());
        if (before != null) {
            rows.set(rows.indexOf(before), node);
        } else {
            rows.add(node);
        }
        write();
    }

    private void write() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 2);
        root.put("task", task);
        root.set("spec", spec);
        rows.sort(Comparator.comparingInt(r -> planOrder.getOrDefault(options(r), Integer.MAX_VALUE)));
        ArrayNode list = root.putArray("rows");
        rows.forEach(list::add);
        AtomicFiles.writeString(dir.resolve(RESULTS_JSON), JSON.writeValueAsString(root) + "\n");
        AtomicFiles.writeString(dir.resolve(RESULTS_MD), SweepTable.markdown(task, rows));
    }

    /** Removes a folder this tool wrote (checkpoint files only); anything else in it is refused. */
    private static void removeOurs(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        CheckpointFolder.requireWritable(p);
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }
}
