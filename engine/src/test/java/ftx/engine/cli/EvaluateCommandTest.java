package ftx.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.task.SyntheticTask;
import ftx.engine.train.Trainer;
import ftx.engine.train.TrainingConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ftx evaluate} on tiny checkpoints written by the trainer: JSON shape, text table, usage errors. */
class EvaluateCommandTest {
    @TempDir
    Path tmp;

    private static CliRun ftx(String... argv) {
        return CliRun.of(argv);
    }

    private Path checkpoint(String name, int latentBits) throws Exception {
        FreeTransformerConfig c = new FreeTransformerConfig(29, 16, 2, 2, 16, latentBits, 10000, 1e-5);
        Trainer t = Trainer.start(c, new SyntheticTask(), TrainingConfig.defaults(1, 0.125, 3));
        Path dir = tmp.resolve(name);
        CheckpointStore.save(dir, t.checkpoint());
        return dir;
    }

    @Test
    void jsonHasBothModesFreshDataAndTheStartInformation() throws Exception {
        Path model = checkpoint("k", 3);
        CliRun r = ftx("evaluate", "--model", model.toString(), "--groups", "3", "--samples", "2", "--fresh-data", "4",
                "--bit-samples", "6", "--seed", "2", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = r.json();
        assertEquals(3, j.get("latentBits").asInt());
        assertTrue(j.get("hasLatent").asBoolean());
        assertEquals(3, j.get("settings").get("groups").asInt());
        for (String mode : new String[] {"fresh", "shared"}) {
            JsonNode m = j.get("modes").get(mode);
            assertEquals(6, m.get("samples").asInt(), mode);
            double wf = m.get("wellFormed").asDouble();
            assertTrue(wf >= 0 && wf <= 1, mode + " well-formed " + wf);
            assertTrue(m.has("startAgreement") && m.has("noiseOverlap") && m.has("crossGroupStartAgreement"));
            assertEquals(2, m.get("firstGroup").size());
        }
        JsonNode d = j.get("freshData");
        assertEquals(4, d.get("sequences").asInt());
        assertTrue(d.get("ce").asDouble() > 0 && d.get("cePrior").asDouble() > 0 && d.get("klPerToken").asDouble() >= 0);
        assertTrue(j.get("startInformation").has("collisionEstimate"));
        assertEquals("nats", j.get("startInformation").get("unit").asText());
        JsonNode bits = j.get("bitDictionary");
        assertEquals(6, bits.get("samples").asInt());
        assertEquals("block starts next", bits.get("factors").get(0).get("factor").asText());
        for (JsonNode f : bits.get("factors")) {
            assertEquals(3, f.get("information").size(), "one value per bit");
            for (JsonNode v : f.get("information")) {
                assertTrue(v.asDouble() >= 0 && v.asDouble() <= f.get("bound").asDouble() + 1e-9, f.toString());
            }
        }
    }

    @Test
    void baselineTextOutputSaysZDoesNotExist() throws Exception {
        Path model = checkpoint("base", 0);
        CliRun r = ftx("evaluate", "--model", model.toString(), "--groups", "2", "--samples", "2", "--fresh-data", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Z does not exist"), r.out());
        assertTrue(r.out().contains("fresh ") && !r.out().contains("shared "), r.out());
        CliRun json = ftx("evaluate", "--model", model.toString(), "--groups", "2", "--samples", "2", "--fresh-data", "2", "--json");
        assertEquals(0, json.code(), json.err());
        assertFalse(json.json().get("hasLatent").asBoolean());
        assertFalse(json.json().get("modes").has("shared"));
        assertTrue(json.json().get("freshData").get("klPerToken").isNull());
    }

    @Test
    void badUsageIsRefusedWithExitCode2() throws Exception {
        CliRun help = ftx("evaluate", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("usage: ftx evaluate"));
        CliRun one = ftx("evaluate", "--model", tmp.toString(), "--samples", "1");
        assertEquals(2, one.code());
        assertTrue(one.err().contains("at least 2 samples"), one.err());
        CliRun missing = ftx("evaluate");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("missing --model"), missing.err());
    }
}
