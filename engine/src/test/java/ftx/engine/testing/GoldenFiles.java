package ftx.engine.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
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
