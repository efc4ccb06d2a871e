package ftx.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** `ftx bench --json` as a script reads it, on a small model: one entry per row, with what each row measures. */
class BenchCommandTest {
    @Test
    void jsonHasEveryRowAskedForWithItsMeasures() throws Exception {
        CliRun r = CliRun.of("bench", "--rows", "train-h8,generate-1,pause-h8", "--runs", "3", "--warmup", "1",
                "--d-model", "32", "--batch", "8", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = r.json();
        assertTrue(root.get("trainingThreads").asInt() >= 1);
        JsonNode rows = root.get("rows");
        assertEquals(3, rows.size());
        JsonNode train = rows.get(0);
        assertEquals("train-h8", train.get("name").asText());
        assertTrue(train.get("median").asDouble() > 0 && train.get("min").asDouble() <= train.get("max").asDouble());
        assertEquals(8 * 65 / (train.get("median").asDouble() / 1000), train.get("tokensPerSecond").asDouble(), 1e-6);
        assertEquals("generate-1", rows.get(1).get("name").asText());
        JsonNode pause = rows.get(2);
        assertEquals("pause-h8", pause.get("name").asText());
        assertEquals("ms to pause", pause.get("unit").asText());
        assertTrue(pause.get("median").asDouble() > 0);
        assertFalse(pause.has("tokensPerSecond"), "a pause has no throughput");
        assertFalse(train.has("products"), "products only with --products");
    }

    @Test
    void productsGiveTheWorkPerStepOfEveryShape() throws Exception {
        CliRun r = CliRun.of("bench", "--rows", "train-baseline", "--runs", "2", "--warmup", "1", "--d-model", "32",
                "--batch", "4", "--threads", "1", "--products", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode p = r.json().get("rows").get(0).get("products");
        // per token: in each of the 4 blocks q, k, v, o (D x D) and w1, w3, w2 (D x 3D), plus the output head
        // (vocabulary 29); each product three times: forward, input gradient, weight gradient
        int d = 32;
        int tokens = 4 * 65;
        double perToken = 4 * (4.0 * d * d + 3.0 * d * 3 * d) + 29.0 * d;
        assertEquals(3 * 2 * perToken * tokens / 1e9, p.get("gflopPerStep").asDouble(), 1e-12);
        assertTrue(p.get("msPerStep").asDouble() > 0 && p.get("shapes").size() >= 4, p.toString());
        assertTrue(p.get("processCpuMsPerStep").asDouble() > 0);
    }

    @Test
    void anUnknownRowIsRefusedWithTheRowNames() {
        CliRun r = CliRun.of("bench", "--rows", "train-h9");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown row \"train-h9\"") && r.err().contains("pause-h8"), r.err());
    }

    @Test
    void theProbeRowAlternatesWindowsWithoutAndWithTheProbe() throws Exception {
        CliRun r = CliRun.of("bench", "--rows", "train-probe", "--runs", "1", "--window", "5", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode rows = r.json().get("rows");
        assertEquals("probe-off", rows.get(0).get("name").asText());
        assertEquals("probe-on", rows.get(1).get("name").asText());
        for (JsonNode row : rows) {
            assertTrue(row.get("median").asDouble() > 0 && row.get("tokensPerSecond").asDouble() > 0, row.toString());
        }
        CliRun short_ = CliRun.of("bench", "--rows", "train-probe", "--window", "2");
        assertEquals(2, short_.code(), "a window shorter than the probe's interval measures nothing");
    }
}
