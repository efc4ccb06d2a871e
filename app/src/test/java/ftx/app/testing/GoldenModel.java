package ftx.app.testing;

import static org.junit.jupiter.api.Assertions.fail;

import ftx.engine.ModelHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The golden tiny model (the engine's test data, random weights from the independent implementation)
 * as a checkpoint folder: its expected.json holds "config" and "vocab", so it serves as config.json.
 */
public final class GoldenModel {
    private GoldenModel() {
    }

    /** The engine's copy of the case (engine/src/test/resources/golden/tiny), found from a module or the root. */
    public static Path caseDir() {
        for (Path up = Path.of("").toAbsolutePath(); up != null; up = up.getParent()) {
            Path dir = up.resolve("engine/src/test/resources/golden/tiny");
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        return fail("engine/src/test/resources/golden/tiny not found above " + Path.of("").toAbsolutePath());
    }

    public static Path checkpoint(Path scratch) throws Exception {
        Path dir = scratch.resolve("golden-tiny");
        Files.createDirectories(dir);
        Files.copy(caseDir().resolve("expected.json"), dir.resolve("config.json"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(caseDir().resolve("model.safetensors"), dir.resolve("model.safetensors"), StandardCopyOption.REPLACE_EXISTING);
        return dir;
    }

    public static ModelHandle open(Path scratch) throws Exception {
        return ModelHandle.open(checkpoint(scratch));
    }
}
