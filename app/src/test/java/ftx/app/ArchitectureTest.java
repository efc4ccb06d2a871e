package ftx.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module rule of DESIGN.md, checked mechanically: the app sees only the engine's plain
 * types and never ND4J. (The engine cannot see JavaFX: it has no such dependency.)
 */
class ArchitectureTest {
    @Test
    void appSourcesNeverImportNd4j() throws IOException {
        Path src = Path.of("src/main/java");
        assertTrue(Files.isDirectory(src), "run from the app module");
        try (Stream<Path> files = Files.walk(src)) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("org.nd4j");
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            }).map(Path::toString).toList();
            assertEquals(List.of(), offenders, "app classes that touch ND4J");
        }
    }
}
