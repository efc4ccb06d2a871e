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
 * Finds the golden cases computed by the independent implementation ({@code shared/golden}
 * beside the repository). Tests run from the engine module or the project root; a missing
 * folder is a failure, never a skip.
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

    /** The folder of a case ("tiny" or "medium"). */
    public static Path caseDir(String name) {
        List<String> tried = new ArrayList<>();
        for (String base : List.of("../../shared/golden", "../shared/golden")) {
            Path dir = Path.of(base, name).toAbsolutePath().normalize();
            tried.add(dir.toString());
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        return fail("golden case " + name + " not found (working dir " + Path.of("").toAbsolutePath() + "); tried " + tried);
    }
}
