package ftx.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import ftx.engine.analysis.LatentAnalysis;
import ftx.engine.model.FreeTransformer;
import ftx.engine.testing.GoldenFiles;
import ftx.engine.util.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a script would use it: JSON shapes, exit codes, and messages for bad input. */
class CliTest {
    private static final String TEXT = "C>___CCCCCCCC___!____";

    @TempDir
    Path tmp;
    private Path model;

    private static CliRun ftx(String... argv) {
        return CliRun.of(argv);
    }

    @BeforeEach
    void goldenModelAsCheckpoint() throws Exception {
        GoldenFiles.loadModel("tiny", tmp);
        model = tmp.resolve("golden-tiny");
    }

    @Test
    void encodeJsonGivesEveryPositionWithHBitProbabilitiesKlAndZ() throws Exception {
        CliRun r = ftx("encode", "--model", model.toString(), "--text", TEXT, "--json", "--seed", "4");
        assertEquals(0, r.code(), r.err());
        JsonNode positions = r.json().get("positions");
        assertEquals(TEXT.length(), positions.size());
        var c = GoldenFiles.loadModel("tiny", tmp.resolve("again"));
        var expected = LatentAnalysis.encode(new FreeTransformer(c.config(), c.weights(), 64),
                new ftx.engine.task.Vocabulary(c.vocab()).encode(TEXT), new Rng(4));
        for (int t = 0; t < TEXT.length(); t++) {
            JsonNode p = positions.get(t);
            assertEquals(String.valueOf(TEXT.charAt(t)), p.get("symbol").asText());
            assertEquals(8, p.get("bitProbabilities").size());
            assertEquals(expected.get(t).kl(), p.get("kl").asDouble(), 1e-9);
            assertEquals(expected.get(t).sampledZ(), p.get("zIndex").asInt());
        }
    }

    @Test
    void scoreJsonGivesOneLogProbPerPredictedPositionAndTheirMeanAsCe() throws Exception {
        String z = "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20";
        CliRun r = ftx("score", "--model", model.toString(), "--text", TEXT, "--z", z, "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode lp = r.json().get("logProbs");
        assertEquals(TEXT.length() - 1, lp.size());
        double mean = 0;
        for (JsonNode v : lp) {
            assertTrue(v.asDouble() <= 0);
            mean -= v.asDouble() / lp.size();
        }
        assertEquals(mean, r.json().get("ce").asDouble(), 1e-9);
    }

    @Test
    void generateJsonReturnsTheRequestedSequencesWithTheirZ() throws Exception {
        CliRun r = ftx("generate", "--model", model.toString(), "--count", "3", "--tokens", "10", "--z", "shared", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode seqs = r.json().get("sequences");
        assertEquals(3, seqs.size());
        for (JsonNode s : seqs) {
            assertEquals(12, s.get("text").asText().length());
            assertTrue(s.get("text").asText().startsWith("A>"));
            assertEquals(11, s.get("z").size());
        }
        assertEquals(seqs.get(0).get("z").get(5), seqs.get(2).get("z").get(5), "shared Z is the same in every sequence");
    }

    @Test
    void trainWritesACheckpointThatEncodeCanRead() throws Exception {
        Path out = tmp.resolve("run");
        CliRun r = ftx("train", "--out", out.toString(), "--steps", "3", "--batch", "2", "--d-model", "16", "--layers", "2",
                "--heads", "2", "--ffn", "16", "--latent-bits", "3", "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals("FINISHED", r.json().get("status").asText());
        assertTrue(r.err().contains("step 3/3"), "progress goes to standard error: " + r.err());
        assertEquals(0, ftx("encode", "--model", out.toString(), "--text", "A>__").code());
        CliRun resumed = ftx("train", "--resume", out.toString(), "--steps", "5", "--json");
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals(5, resumed.json().get("step").asInt());
    }

    @Test
    void trainJsonStreamsOneLinePerProbeThenTheSummary() throws Exception {
        Path out = tmp.resolve("probed");
        CliRun r = ftx("train", "--out", out.toString(), "--steps", "4", "--batch", "2", "--d-model", "16", "--layers", "2",
                "--heads", "2", "--ffn", "16", "--latent-bits", "3", "--probe", "0", "--json");
        assertEquals(0, r.code(), r.err());
        java.util.List<JsonNode> lines = r.jsonLines();
        JsonNode last = lines.get(lines.size() - 1);
        assertEquals("summary", last.get("event").asText());
        JsonNode probe = lines.get(lines.size() - 2);
        assertEquals("probe", probe.get("event").asText());
        assertEquals(4, probe.get("step").asInt(), "the finished run's last step is probed");
        assertEquals("block start within +-1", probe.get("decided").asText());
        assertEquals(5, probe.get("freshGroup").size());
        assertTrue(r.err().contains("probe at step 4"), r.err());
        assertEquals(2, ftx("train", "--out", tmp.resolve("y").toString(), "--probe", "soon").code());
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTheProblem() throws Exception {
        CliRun unknownSymbol = ftx("encode", "--model", model.toString(), "--text", "C>#_");
        assertEquals(1, unknownSymbol.code());
        assertTrue(unknownSymbol.err().contains("'#' at 2"), unknownSymbol.err());

        CliRun zRange = ftx("score", "--model", model.toString(), "--text", "C>_", "--z", "1,256");
        assertEquals(2, zRange.code());
        assertTrue(zRange.err().contains("256 is outside 0..255"), zRange.err());

        CliRun zCount = ftx("score", "--model", model.toString(), "--text", "C>__", "--z", "1");
        assertEquals(2, zCount.code());
        assertTrue(zCount.err().contains("3 input positions"), zCount.err());

        Files.writeString(model.resolve("model.safetensors"), "garbage");
        CliRun corrupt = ftx("encode", "--model", model.toString(), "--text", "C>");
        assertEquals(1, corrupt.code());
        assertTrue(corrupt.err().contains("model.safetensors"), corrupt.err());

        CliRun config = ftx("train", "--out", tmp.resolve("x").toString(), "--d-model", "30", "--heads", "4");
        assertEquals(2, config.code(), "an impossible option is bad usage");
        assertTrue(config.err().contains("not divisible"), config.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing is written for an impossible config");

        CliRun typo = ftx("encode", "--model", model.toString(), "--text", "C>", "--sede", "3");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("unknown option --sede"), typo.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : new String[] {"train", "generate", "encode", "score", "bench"}) {
            CliRun r = ftx(c, "--help");
            assertEquals(0, r.code());
            assertTrue(r.out().startsWith("usage: ftx " + c), r.out());
        }
    }
}
