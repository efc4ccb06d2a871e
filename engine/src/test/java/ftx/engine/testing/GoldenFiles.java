package ftx.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import ftx.engine.checkpoint.Checkpoint;
import ftx.engine.checkpoint.CheckpointStore;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import org.nd4j.linalg.api.buffer.DataType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the golden cases computed by the independent implementation, kept in the project as
 * test data ({@value #FOLDER}, origin in its README). Tests run from a module or the project
 * root, so the folder is looked up from the working directory upwards; a missing folder is a
 * failure, never a skip.
 */
public final class GoldenFiles {
    private GoldenFiles() {
    }

    /**
     * Loads a golden case's model as a checkpoint written by another program: its expected.json
     * (which holds "config" and "vocab") becomes config.json beside its model.safetensors.
     */
    public static Checkpoint loadModel(String name, Path scratch) throws Exception {
        Path dir = caseDir(name);
        Path ckpt = scratch.resolve("golden-" + name);
        Files.createDirectories(ckpt);
        Files.copy(dir.resolve("expected.json"), ckpt.resolve(CheckpointStore.CONFIG), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("model.safetensors"), ckpt.resolve(CheckpointStore.WEIGHTS), StandardCopyOption.REPLACE_EXISTING);
        return CheckpointStore.load(ckpt, DataType.FLOAT);
    }

    /** Where the cases live, relative to the project root. */
    public static final String FOLDER = "engine/src/test/resources/golden";

    /** The folder of a case ("tiny" or "medium"). */
    public static Path caseDir(String name) {
        List<String> tried = new ArrayList<>();
        for (Path up = Path.of("").toAbsolutePath(); up != null; up = up.getParent()) {
            Path dir = up.resolve(FOLDER).resolve(name);
            tried.add(dir.toString());
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        return fail("golden case " + name + " not found; tried " + tried);
    }
}
