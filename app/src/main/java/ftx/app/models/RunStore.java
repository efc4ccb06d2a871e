package ftx.app.models;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** The run list, persisted as runs.json in the runs folder (written atomically: temp file, then rename). */
public final class RunStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path root;

    public RunStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public synchronized List<RunRecord> list() {
        Path f = root.resolve("runs.json");
        if (!Files.isRegularFile(f)) {
            return new ArrayList<>();
        }
        try {
            return JSON.readValue(f.toFile(), new TypeReference<List<RunRecord>>() { });
        } catch (IOException e) {
            return new ArrayList<>(); // an unreadable list is rebuilt as runs are saved; the runs themselves are intact
        }
    }

    /** Adds or replaces the record with the same name. */
    public synchronized void put(RunRecord r) throws IOException {
        List<RunRecord> all = list();
        all.removeIf(x -> x.name().equals(r.name()));
        all.add(r);
        Files.createDirectories(root);
        Path tmp = Files.createTempFile(root, ".runs", ".json");
        JSON.writeValue(tmp.toFile(), all);
        Files.move(tmp, root.resolve("runs.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
