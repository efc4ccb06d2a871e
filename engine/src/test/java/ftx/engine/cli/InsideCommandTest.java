package ftx.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code ftx inside}: the JSON the issue names, and exit 2 with a clear message on bad input. */
class InsideCommandTest {
    private static final String ONE_BIT = "../sample-models/synthetic-kappa-1-bit";
    private static final String TEXT = "C>" + "_".repeat(20) + "CCCCCCCC" + "_".repeat(36);

    @Test
    void jsonHoldsAttentionNextSymbolsAndEveryCode() throws Exception {
        CliRun r = CliRun.of("inside", "--model", ONE_BIT, "--text", TEXT, "--position", "21", "--code", "5",
                "--prior-draws", "8", "--continue", "4", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(21, j.get("position").asInt());
        assertEquals(29, j.get("vocabulary").size());
        assertEquals(66, j.get("z").size());
        JsonNode decoder = j.get("attention").get("decoder");
        assertEquals(4, decoder.size(), "layers");
        assertEquals(4, decoder.get(0).size(), "heads");
        assertEquals(66, decoder.get(0).get(0).size());
        assertEquals(66, decoder.get(0).get(0).get(65).size());
        assertEquals(4, j.get("attention").get("encoder").size());
        JsonNode next = j.get("nextToken");
        assertEquals(29, next.get("encoderZ").size());
        assertEquals(8, next.get("priorZ").get("draws").asInt());
        assertEquals(29, next.get("priorZ").get("std").size());
        assertEquals(5, next.get("code").get("z").asInt());
        assertEquals(256, j.get("traversal").size());
        JsonNode first = j.get("traversal").get(0);
        assertEquals(4, first.get("continuation").asText().length());
        assertTrue(first.get("posterior").asDouble() >= j.get("traversal").get(255).get("posterior").asDouble());
        assertEquals("at", j.get("traversalMode").asText());
    }

    @Test
    void badInputExitsTwoAndABaselineStillAnswers() throws Exception {
        assertBad("position 66 is outside the sequence (0..65)", "--position", "66");
        assertBad("code 256 is outside 0..255 (H = 8)", "--position", "3", "--code", "256");
        assertBad("--z has 2 codes", "--position", "3", "--z", "1,2");
        assertBad("missing --position", "--z", "sample");
        CliRun unknown = CliRun.of("inside", "--model", ONE_BIT, "--text", "C>__q__", "--position", "1");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("'q'"), unknown.err());

        String baseline = "../sample-models/synthetic-baseline";
        CliRun b = CliRun.of("inside", "--model", baseline, "--text", TEXT, "--position", "10", "--json");
        assertEquals(0, b.code(), b.err());
        JsonNode j = new ObjectMapper().readTree(b.out());
        assertTrue(j.get("z").isNull());
        assertTrue(j.get("note").asText().contains("baseline"));
        assertTrue(j.get("attention").get("encoder").isNull());
        assertEquals(29, j.get("nextToken").get("encoderZ").size());
        assertEquals(0, j.get("traversal").size());
        CliRun code = CliRun.of("inside", "--model", baseline, "--text", TEXT, "--position", "10", "--code", "1");
        assertEquals(2, code.code());
        assertTrue(code.err().contains("baseline model"), code.err());
    }

    private static void assertBad(String message, String... rest) {
        String[] argv = new String[5 + rest.length];
        argv[0] = "inside";
        argv[1] = "--model";
        argv[2] = ONE_BIT;
        argv[3] = "--text";
        argv[4] = TEXT;
        System.arraycopy(rest, 0, argv, 5, rest.length);
        CliRun r = CliRun.of(argv);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(message), r.err());
    }
}
