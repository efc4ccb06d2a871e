package ftx.engine.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.engine.train.RunControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep engine: specs, rows, runners side by side, reruns that keep finished rows, failed and stopped rows. */
class SweepTest {
    @TempDir
    Path tmp;

    static SweepSpec tiny(int threads, String... seeds) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("d-model", "16");
        o.put("layers", "2");
        o.put("heads", "2");
        o.put("ffn", "32");
        o.put("batch", "4");
        o.put("steps", "12");
        o.put("latent-bits", "4");
        o.put("kappa-bits", "1");
        return new SweepSpec(o, Map.of("seed", List.of(seeds)), false, new SweepSpec.Evaluation(2, 2, 4, 1), null, threads,
                true);
    }

    @Test
    void aSpecNamesItsRowsAsBeforeAndSurvivesItsOwnJson() throws Exception {
        Map<String, String> fixed = Map.of("d-model", "16", "layers", "2", "heads", "2", "ffn", "32", "lr", "1e-3");
        Map<String, List<String>> vary = new LinkedHashMap<>();
        vary.put("seed", List.of("1", "2"));
        vary.put("kappa-bits", List.of("1/8", "1"));
        SweepSpec spec = new SweepSpec(fixed, vary, true, null, 5.0, 1, false);
        List<SweepRow> rows = spec.rows();
        assertEquals(List.of("h8-kappa-1-8-bits-seed-1", "h8-kappa-1-bits-seed-1", "baseline-seed-1",
                "h8-kappa-1-8-bits-seed-2", "h8-kappa-1-bits-seed-2", "baseline-seed-2"), rows.stream().map(SweepRow::name).toList());
        assertEquals("0.001", rows.get(0).options().get("lr"), "values are canonical: 1e-3 and 0.001 are one model");
        assertEquals("100", rows.get(0).options().get("warmup"), "every default is filled in");
        SweepSpec again = SweepSpec.fromJson(new ObjectMapper().readTree(spec.toJsonText()));
        assertEquals(rows, again.rows());
        assertEquals(spec, again);
    }

    @Test
    void badSpecsAreRefusedNamingTheProblem() {
        assertTrue(message(() -> new SweepSpec(Map.of(), Map.of("sede", List.of("1", "2")), false, null, null, 1, true).rows())
                .contains("unknown option --sede"));
        assertTrue(message(() -> new SweepSpec(Map.of(), Map.of("kappa-bits", List.of("1/8", "0.125")), false, null, null, 1,
                true).rows()).contains("train the same model"));
        assertTrue(message(() -> new SweepSpec(Map.of("heads", "3"), Map.of(), false, null, null, 1, true).rows())
                .contains("heads"));
        assertTrue(message(() -> SweepSpec.fromJson(new ObjectMapper().readTree("{\"vary\":{},\"colour\":1}")))
                .contains("unknown field \"colour\""));
        assertTrue(message(() -> new SweepSpec(Map.of("task", "tiny-shakespeare"), Map.of(), false, null, null, 1, true)
                .rows()).contains("tiny-shakespeare"));
    }

    private static String message(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void rowsSideBySideInOneProcessTrainTheWeightsTheyTrainOneAfterAnother() throws Exception {
        Sweep.Outcome one = Sweep.run(tiny(2, "1", "2", "3"), tmp.resolve("sequential"), new EmbeddedRunner(1),
                new Sweep.Listener() { }, new RunControl());
        Sweep.Outcome two = Sweep.run(tiny(1, "1", "2", "3"), tmp.resolve("parallel"), new EmbeddedRunner(2),
                new Sweep.Listener() { }, new RunControl());
        assertEquals(0, one.exitCode());
        assertEquals(0, two.exitCode());
        assertEquals(hashes(tmp.resolve("sequential")), hashes(tmp.resolve("parallel")));
        assertEquals(3, hashes(tmp.resolve("parallel")).size());
    }

    @Test
    void aRerunKeepsTheFinishedRowsByTheirOptionsAndRunsOnlyTheRest() throws Exception {
        Path dir = tmp.resolve("sweep");
        Sweep.run(tiny(1, "1"), dir, new EmbeddedRunner(1), new Sweep.Listener() { }, new RunControl());
        JsonNode first = rows(dir).get(0);
        List<Integer> toRun = new ArrayList<>();
        Sweep.Outcome o = Sweep.run(tiny(1, "1", "2"), dir, new EmbeddedRunner(1), new Sweep.Listener() {
            @Override
            public void planned(List<SweepRow> rows, int finished) {
                toRun.add(rows.size());
            }
        }, new RunControl());
        assertEquals(List.of(1), toRun, "only the new row is trained");
        assertEquals(new Sweep.Outcome(2, 1, 1, 0, false), o);
        Sweep.run(tiny(1, "3"), dir, new EmbeddedRunner(1), new Sweep.Listener() { }, new RunControl());
        List<JsonNode> rows = rows(dir);
        assertEquals(3, rows.size(), "rows of earlier runs stay in the table");
        assertEquals("3", rows.get(0).get("options").get("seed").asText(), "this run's rows first, in its order");
        assertEquals("h4-kappa-1-bits-seed-3", rows.get(0).get("name").asText(), "a name an earlier row holds is not reused");
        JsonNode kept = rows.stream().filter(r -> r.get("name").equals(first.get("name"))).findFirst().orElseThrow();
        assertEquals(first.get("trainSeconds"), kept.get("trainSeconds"), "the finished row was kept, not retrained");
    }

    @Test
    void aFailedRowIsListedWithItsMessageTheOthersLandAndARerunRetriesIt() throws Exception {
        Path dir = tmp.resolve("failing");
        SweepRunner failsRow1 = new SweepRunner() {
            @Override
            public String describe() {
                return "test runner";
            }

            @Override
            public void run(SweepSpec spec, List<SweepRow> rows, RowSink sink, RunControl control) throws Exception {
                for (SweepRow row : rows) {
                    RowResult r = row.index() == 1
                            ? new RowResult(row.name(), row.options().asMap(), true, "diverged at step 7: loss NaN", 7, 1, 1,
                            null, "[]", -1, null, null, "test")
                            : RowRun.run(spec, row, sink.folderFor(row), false, "test", RowProgress.NONE, control);
                    sink.landed(row, r);
                }
            }
        };
        Sweep.Outcome o = Sweep.run(tiny(1, "1", "2", "3"), dir, failsRow1, new Sweep.Listener() { }, new RunControl());
        assertEquals(new Sweep.Outcome(3, 0, 2, 1, false), o);
        assertEquals(1, o.exitCode());
        String md = Files.readString(dir.resolve(SweepFolder.RESULTS_MD));
        assertTrue(md.contains("Rows that failed") && md.contains("h4-kappa-1-bits-seed-2: diverged at step 7"), md);
        assertFalse(Files.exists(dir.resolve("h4-kappa-1-bits-seed-2")), "a failed row leaves no folder");
        Sweep.Outcome again = Sweep.run(tiny(1, "1", "2", "3"), dir, new EmbeddedRunner(1), new Sweep.Listener() { },
                new RunControl());
        assertEquals(new Sweep.Outcome(3, 2, 1, 0, false), again);
        assertEquals(3, hashes(dir).size());
    }

    @Test
    void aStoppedSweepKeepsWhatLandedLeavesNoHalfRowAndTheRerunFinishesIt() throws Exception {
        Path dir = tmp.resolve("stopped");
        RunControl control = new RunControl();
        Sweep.Outcome o = Sweep.run(tiny(1, "1", "2", "3"), dir, new EmbeddedRunner(1), new Sweep.Listener() {
            @Override
            public void progress(SweepRow row, int step, int total, double ms) {
                if (row.index() == 1 && step == 5) {
                    control.stop(); // mid-row: row 0 landed, row 1 is cut, row 2 never starts
                }
            }
        }, control);
        assertEquals(new Sweep.Outcome(3, 0, 1, 0, true), o);
        assertEquals(1, o.exitCode());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("h4-kappa-1-bits-seed-1", "results.json", "results.md"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(new Sweep.Outcome(3, 1, 2, 0, false), Sweep.run(tiny(1, "1", "2", "3"), dir, new EmbeddedRunner(1),
                new Sweep.Listener() { }, new RunControl()));
    }

    private static List<JsonNode> rows(Path dir) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        new ObjectMapper().readTree(dir.resolve(SweepFolder.RESULTS_JSON).toFile()).get("rows").forEach(out::add);
        return out;
    }

    private static Map<String, String> hashes(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (JsonNode r : rows(dir)) {
            assertEquals("done", r.get("status").asText());
            m.put(r.get("name").asText(), r.get("weightsHash").asText());
        }
        return m;
    }
}
