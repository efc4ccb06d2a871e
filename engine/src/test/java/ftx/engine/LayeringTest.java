package ftx.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's layering, checked on its sources: {@code util} uses no other engine package,
 * {@code kernels} (the operations) only {@code util}, {@code model} (the paper) only the
 * operations and {@code util}, and {@code decode} only those three. Comments may name anything.
 */
class LayeringTest {
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "util", Set.of(),
            "kernels", Set.of("util"),
            "model", Set.of("kernels", "util"),
            "decode", Set.of("model", "kernels", "util"));
    private static final Pattern USE = Pattern.compile("\\bftx\\.engine\\.([a-z]+)\\.[A-Za-z]");

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Map.Entry<String, Set<String>> layer : ALLOWED.entrySet()) {
            Path dir = Path.of("src/main/java/ftx/engine", layer.getKey());
            assertTrue(Files.isDirectory(dir), "run from the engine module: " + dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    for (String line : Files.readAllLines(f)) {
                        String code = line.strip();
                        if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
                            continue;
                        }
                        Matcher m = USE.matcher(code);
                        while (m.find()) {
                            String used = m.group(1);
                            if (!used.equals(layer.getKey()) && !layer.getValue().contains(used)) {
                                offenders.add(f.getFileName() + " uses ftx.engine." + used);
                            }
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "uses across the engine's layers");
    }
}
