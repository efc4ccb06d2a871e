package ftx.engine.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.analysis.LatentAnalysis;
import ftx.engine.model.FreeTransformer;
import ftx.engine.testing.GoldenFiles;
import ftx.engine.util.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation with the KV cache must produce what the full forward pass would, honour the Z
 * policy, stream every symbol, and be reproducible from its seed. Uses the golden tiny model,
 * whose random post-sampler makes Z matter.
 */
class GeneratorTest {
    @TempDir
    Path tmp;
    private FreeTransformer model;

    @BeforeEach
    void load() throws Exception {
        var c = GoldenFiles.loadModel("tiny", tmp);
        model = new FreeTransformer(c.config(), c.weights(), 128);
    }

    private static int[][] prompts(int n) {
        int[][] p = new int[n][];
        for (int i = 0; i < n; i++) {
            p[i] = new int[] {1 + i, 28}; // "A>", "B>", ...
        }
        return p;
    }

    @Test
    void cachedGreedyGenerationMatchesTheFullForwardPassWithTheSameZ() {
        GenerationResult r = Generator.generate(model, new GenerationRequest(prompts(3), 20, 0, 0, 11, ZPolicy.prior()),
                TokenListener.NONE);
        for (int s = 0; s < 3; s++) {
            int[] seq = r.tokens()[s];
            int[] inputs = Arrays.copyOf(seq, seq.length - 1);
            FreeTransformer.Forward f = model.forward(new int[][] {inputs}, FreeTransformer.ZSource.given(r.z()[s]));
            float[][] logits = f.logits().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatMatrix();
            for (int t = r.promptLength() - 1; t < inputs.length; t++) {
                assertEquals(argmax(logits[t]), seq[t + 1], "sequence " + s + ": symbol after position " + t);
            }
        }
    }

    @Test
    void pinnedPositionsKeepTheirCodesAndFreePositionsVary() {
        int[] pins = new int[21];
        Arrays.fill(pins, -1);
        pins[5] = 17;
        pins[10] = 255;
        GenerationResult r = Generator.generate(model, new GenerationRequest(prompts(4), 20, 1.0, 0, 3, ZPolicy.pinned(pins)),
                TokenListener.NONE);
        for (int s = 0; s < 4; s++) {
            assertEquals(17, r.z()[s][5]);
            assertEquals(255, r.z()[s][10]);
        }
        assertTrue(r.z()[0][6] != r.z()[1][6] || r.z()[0][7] != r.z()[1][7], "free positions draw fresh Z per sequence");
    }

    @Test
    void promptZComesFromTheEncoderOnThePromptAlone() {
        GenerationResult r = Generator.generate(model, new GenerationRequest(prompts(1), 5, 1.0, 0, 5, ZPolicy.prior()),
                TokenListener.NONE);
        // the encoder's posterior on the 2-symbol prompt, with the generator's first uniforms (same seed, same order)
        List<ftx.engine.analysis.PositionCode> codes = LatentAnalysis.encode(model, prompts(1)[0], new Rng(5));
        assertEquals(codes.get(0).sampledZ(), r.z()[0][0]);
        assertEquals(codes.get(1).sampledZ(), r.z()[0][1]);
    }

    @Test
    void symbolsAreStreamedInOrderAndTheSeedReproducesTheRun() {
        List<String> streamed = new ArrayList<>();
        GenerationRequest req = new GenerationRequest(prompts(2), 8, 0.8, 5, 21, ZPolicy.prior());
        GenerationResult a = Generator.generate(model, req, (s, p, t) -> streamed.add(s + ":" + p + ":" + t));
        GenerationResult b = Generator.generate(model, req, TokenListener.NONE);
        assertEquals(16, streamed.size());
        assertEquals("0:2:" + a.tokens()[0][2], streamed.get(0));
        assertEquals("1:9:" + a.tokens()[1][9], streamed.get(15));
        assertArrayEquals(a.tokens()[1], b.tokens()[1]);
        assertArrayEquals(a.z()[0], b.z()[0]);
    }

    @Test
    void badRequestsAreRefusedWithAMessage() {
        assertThrows(IllegalArgumentException.class, () -> new GenerationRequest(new int[][] {{1, 28}, {1}}, 5, 1, 0, 1,
                ZPolicy.prior()));
        var e = assertThrows(IllegalArgumentException.class, () -> Generator.generate(model,
                new GenerationRequest(new int[][] {{1, 40}}, 5, 1, 0, 1, ZPolicy.prior()), TokenListener.NONE));
        assertTrue(e.getMessage().contains("40"), e.getMessage());
        int[] badPin = {300};
        var z = assertThrows(IllegalArgumentException.class, () -> Generator.generate(model,
                new GenerationRequest(prompts(1), 5, 1, 0, 1, ZPolicy.pinned(badPin)), TokenListener.NONE));
        assertTrue(z.getMessage().contains("300") && z.getMessage().contains("255"), z.getMessage());
    }

    private static int argmax(float[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }
}
