package ftx.app.testing;

import static org.junit.jupiter.api.Assertions.fail;

import ftx.engine.ModelHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The golden tiny model (shared/golden/tiny, random weights from the independent implementation)
 * as a checkpoint folder: its expected.json holds "config" and "vocab", so it serves as config.json.
 */
public final class GoldenModel {
    private GoldenModel() {
    }

    public static Path caseDir() {
        for (String base : new String[] {"../../shared/golden/tiny", "../shared/golden/tiny"}) {
            Path p = Path.of(base).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return fail("shared/golden/tiny not found from " + Path.of("").toAbsolutePath());
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
