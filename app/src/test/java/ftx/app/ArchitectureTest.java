package ftx.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of DESIGN.md, checked mechanically on the app's sources:
 * <ul>
 * <li>the app sees only the engine's plain types and never ND4J (the engine cannot see JavaFX:
 *     it has no such dependency);</li>
 * <li>a feature package (welcome, train, inspect, generate, figure, models) never uses
 *     {@code shell}, the window that assembles them;</li>
 * <li>feature packages use each other without a cycle (work handed from one page to another
 *     goes through {@code AppContext}).</li>
 * </ul>
 */
class ArchitectureTest {
    /** Packages that are not features: the shared widgets, the window, the launcher's settings. */
    private static final Set<String> NOT_FEATURES = Set.of("common", "shell", "launch");
    private static final Pattern USE = Pattern.compile("\\bftx\\.app\\.([a-z]+)\\.[A-Z]");

    @Test
    void appSourcesNeverImportNd4j() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path p : sources()) {
            if (Files.readString(p).contains("org.nd4j")) {
                offenders.add(p.toString());
            }
        }
        assertEquals(List.of(), offenders, "app classes that touch ND4J");
    }

    @Test
    void noFeatureUsesTheShell() throws IOException {
        List<String> offenders = new ArrayList<>();
        uses().forEach((feature, used) -> {
            if (!NOT_FEATURES.contains(feature) && used.contains("shell")) {
                offenders.add(feature);
            }
        });
        assertEquals(List.of(), offenders, "feature packages that use ftx.app.shell");
    }

    @Test
    void featurePackagesHaveNoCycle() throws IOException {
        assertEquals(List.of(), cycle(features(uses())), "a cycle between feature packages");
    }

    @Test
    void aPlantedCycleIsFound() {
        Map<String, Set<String>> planted = new TreeMap<>(Map.of(
                "inspect", Set.of("generate"), "generate", Set.of("models"), "models", Set.of("inspect"),
                "train", Set.of("models")));
        assertEquals(List.of("generate", "models", "inspect", "generate"), cycle(planted));
        assertEquals(List.of(), cycle(Map.of("train", Set.of("models"), "models", Set.of())));
    }

    private static List<Path> sources() throws IOException {
        Path src = Path.of("src/main/java");
        assertTrue(Files.isDirectory(src), "run from the app module");
        try (Stream<Path> files = Files.walk(src)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** For each package under ftx.app, the other packages under ftx.app its sources name (imports or inline). */
    private static Map<String, Set<String>> uses() throws IOException {
        Path root = Path.of("src/main/java/ftx/app");
        Map<String, Set<String>> uses = new TreeMap<>();
        for (Path p : sources()) {
            Path rel = root.relativize(p);
            if (rel.getNameCount() < 2) {
                continue; // ftx.app itself (the application, the context)
            }
            String pkg = rel.getName(0).toString();
            Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
            Matcher m = USE.matcher(Files.readString(p));
            while (m.find()) {
                if (!m.group(1).equals(pkg)) {
                    used.add(m.group(1));
                }
            }
        }
        return uses;
    }

    private static Map<String, Set<String>> features(Map<String, Set<String>> uses) {
        Map<String, Set<String>> g = new TreeMap<>();
        uses.forEach((pkg, used) -> {
            if (!NOT_FEATURES.contains(pkg)) {
                Set<String> targets = new TreeSet<>(used);
                targets.removeAll(NOT_FEATURES);
                g.put(pkg, targets);
            }
        });
        return g;
    }

    /** The first cycle found by a depth-first search (a path that ends where it starts), or an empty list. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            List<String> found = visit(start, graph, new ArrayList<>(), done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        return List.of();
    }

    private static List<String> visit(String node, Map<String, Set<String>> graph, List<String> path, Set<String> done) {
        int at = path.indexOf(node);
        if (at >= 0) {
            List<String> loop = new ArrayList<>(path.subList(at, path.size()));
            loop.add(node);
            return loop;
        }
        if (done.contains(node)) {
            return List.of();
        }
        path.add(node);
        for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
            List<String> found = visit(next, graph, path, done);
            if (!found.isEmpty()) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        done.add(node);
        return List.of();
    }
}
