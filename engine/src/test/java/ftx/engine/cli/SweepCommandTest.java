package ftx.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ftx sweep}: one trained, evaluated checkpoint per value, and a table that says which is which. */
class SweepCommandTest {
    private static final String[] TINY = {"--d-model", "16", "--layers", "2", "--heads", "2", "--ffn", "32",
        "--steps", "3", "--batch", "2", "--groups", "2", "--samples", "2", "--fresh-data", "4"};

    @TempDir
    Path tmp;

    private CliRun sweep(String... extra) {
        String[] argv = new String[1 + TINY.length + extra.length];
        argv[0] = "sweep";
        System.arraycopy(TINY, 0, argv, 1, TINY.length);
        System.arraycopy(extra, 0, argv, 1 + TINY.length, extra.length);
        return CliRun.of(argv);
    }

    @Test
    void trainsAndEvaluatesEveryKappaAndTheBaselineAndWritesBothTables() throws Exception {
        Path out = tmp.resolve("sweep");
        CliRun r = sweep("--out", out.toString(), "--kappa-bits", "1/8,1", "--latent-bits", "4", "--baseline", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode rows = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("rows");
        assertEquals(3, rows.size());
        assertEquals(List.of("h4-kappa-1-8-bits", "h4-kappa-1-bits", "baseline"),
                List.of(rows.get(0).get("name").asText(), rows.get(1).get("name").asText(), rows.get(2).get("name").asText()));
        assertEquals(0.125, rows.get(0).get("kappaBits").asDouble(), 0.0);
        assertEquals(3, rows.get(1).get("steps").asInt());
        assertTrue(rows.get(0).get("evaluation").get("modes").has("shared"));
        assertTrue(!rows.get(2).get("evaluation").get("modes").has("shared"), "the baseline has no Z to share");
        for (JsonNode row : rows) {
            assertTrue(Files.isRegularFile(out.resolve(row.get("name").asText()).resolve("model.safetensors")));
        }
        List<String> md = Files.readAllLines(out.resolve("results.md"));
        assertEquals(3, md.stream().filter(l -> l.startsWith("| h4-") || l.startsWith("| baseline")).count());
        assertTrue(md.stream().anyMatch(l -> l.startsWith("| h4-kappa-1-8-bits | 4 | 1/8 | 3 |")), String.join("\n", md));
        assertEquals(3, r.json().get("rows").size(), "--json prints the same results");
    }

    @Test
    void reviewsTaskSweepsTooAndReportsSentiment() throws Exception {
        Path out = tmp.resolve("reviews");
        CliRun r = sweep("--out", out.toString(), "--task", "reviews", "--kappa-bits", "1", "--latent-bits", "2");
        assertEquals(0, r.code(), r.err());
        JsonNode row = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("rows").get(0);
        assertTrue(row.get("evaluation").get("modes").get("shared").has("sentimentAgreement"));
        assertTrue(Files.readString(out.resolve("results.md")).contains("sentiment agreement"));
    }

    @Test
    void badListsAndConfigsAreRefusedBeforeAnyTraining() {
        CliRun bad = sweep("--out", tmp.resolve("a").toString(), "--kappa-bits", "1/8,x");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--kappa-bits"), bad.err());
        CliRun heads = sweep("--out", tmp.resolve("b").toString(), "--kappa-bits", "1", "--heads", "3");
        assertTrue(heads.code() != 0);
        assertTrue(!Files.exists(tmp.resolve("b")), "nothing written for an impossible config");
    }

    @Test
    void anyTrainOptionGivenAsAListIsSweptInEveryCombinationAndNamedInItsRow() throws Exception {
        Path out = tmp.resolve("grid");
        CliRun r = sweep("--out", out.toString(), "--kappa-bits", "1/8", "--latent-bits", "4", "--seed", "1,2",
                "--kl-budget", "token,global", "--probe", "0");
        assertEquals(0, r.code(), r.err());
        JsonNode rows = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("rows");
        assertEquals(List.of("h4-kappa-1-8-bits-kl-budget-token-seed-1", "h4-kappa-1-8-bits-kl-budget-token-seed-2",
                        "h4-kappa-1-8-bits-kl-budget-global-seed-1", "h4-kappa-1-8-bits-kl-budget-global-seed-2"),
                List.of(rows.get(0).get("name").asText(), rows.get(1).get("name").asText(), rows.get(2).get("name").asText(),
                        rows.get(3).get("name").asText()));
        assertEquals("global", rows.get(3).get("options").get("kl-budget").asText());
        assertEquals("2", rows.get(3).get("options").get("seed").asText());
        JsonNode config = new ObjectMapper().readTree(out.resolve(rows.get(3).get("name").asText()).resolve("config.json").toFile());
        assertEquals(2, config.get("training").get("seed").asInt(), "the row trained with its own seed");
        assertEquals("GLOBAL", config.get("training").get("recipe").get("klBudget").asText());
        JsonNode state = new ObjectMapper().readTree(out.resolve(rows.get(0).get("name").asText()).resolve("trainer_state.json")
                .toFile());
        assertTrue(state.get("probes").size() >= 1, "--probe keeps each row's readings with its checkpoint");
        assertEquals(2, sweep("--out", tmp.resolve("bad").toString(), "--seed", "1,,2").code(), "an empty value is bad usage");
        assertEquals(2, sweep("--out", tmp.resolve("bad2").toString(), "--sede", "1").code(), "a typo is still caught");
    }

    @Test
    void printSpecWritesTheSweepTheFlagsSayAndSpecRunsIt() throws Exception {
        CliRun printed = sweep("--kappa-bits", "1", "--latent-bits", "4", "--seed", "1,2", "--print-spec");
        assertEquals(0, printed.code(), printed.err());
        Path spec = tmp.resolve("spec.json");
        Files.writeString(spec, printed.out());
        Path out = tmp.resolve("from-spec");
        CliRun r = CliRun.of("sweep", "--spec", spec.toString(), "--out", out.toString(), "--parallel", "2");
        assertEquals(0, r.code(), r.err());
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertEquals(List.of("h4-kappa-1-bits-seed-1", "h4-kappa-1-bits-seed-2"),
                List.of(results.get("rows").get(0).get("name").asText(), results.get("rows").get(1).get("name").asText()));
        assertEquals("16", results.get("spec").get("options").get("d-model").asText(), "results.json keeps the whole spec");
        assertEquals("0.001", results.get("rows").get(0).get("options").get("lr").asText(), "and every row's full options");

        CliRun both = CliRun.of("sweep", "--spec", spec.toString(), "--out", tmp.resolve("x").toString(), "--seed", "3");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--seed belongs in the spec file"), both.err());
        Files.writeString(spec, printed.out().replace("\"layers\"", "\"layer\""));
        CliRun typo = CliRun.of("sweep", "--spec", spec.toString(), "--out", tmp.resolve("y").toString());
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("unknown option --layer"), typo.err());
        assertTrue(!Files.exists(tmp.resolve("y")), "nothing written before the spec is known good");
    }
}
