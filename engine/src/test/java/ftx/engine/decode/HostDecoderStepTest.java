package ftx.engine.decode;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.kernels.Ops;
import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Initializer;
import ftx.engine.model.Parameters;
import ftx.engine.kernels.OpsChoice;
import ftx.engine.util.Rng;
import ftx.engine.util.Workspaces;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The host single-position decoder step against the plain ND4J cached step (the oracle): same
 * prompt prefill, then the same symbols and Z fed to both, logits compared at every position,
 * in float and double, with and without the latent.
 */
class HostDecoderStepTest {
    @ParameterizedTest
    @CsvSource({"FLOAT, 8, 16", "FLOAT, 0, 16", "FLOAT, 3, 16", "FLOAT, 8, 32", "FLOAT, 3, 64"})
    void hostStepsGiveThePlainLogits(DataType t, int bits, int d) {
        assumeTrue(OpsChoice.cpuBackend(), "the host decoder step runs on the CPU backend only; skipped on " + Nd4j.getBackend());
        // heads of 8, 16 and 32 floats: the attention kernel takes those that are whole vectors
        FreeTransformerConfig c = new FreeTransformerConfig(11, d, 4, 2, 24, bits, 10000.0, 1e-5);
        Parameters p = Initializer.init(c, new Rng(9), t);
        if (c.hasLatent()) {
            p.get("post.weight").assign(Nd4j.randn(t, c.latentCodes(), c.dModel()).muli(0.5));
        }
        FreeTransformer model = new FreeTransformer(c, p, 32);
        int b = 3;
        IncrementalDecoder plain = new IncrementalDecoder(model, b, 20);
        IncrementalDecoder fast = new IncrementalDecoder(model, b, 20);
        assertTrue(fast.hostSteps(), "the host path must apply to dense " + t + " weights");
        FreeTransformer inDouble = new FreeTransformer(c, p.copy(DataType.DOUBLE), 32);
        assertTrue(!new IncrementalDecoder(inDouble, b, 20).hostSteps(),
                "a double model keeps the plain path (the host path holds float weights)");
        int[][] prompt = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        int[] zPrompt = new int[b * 3];
        run(plain, fast, prompt, zPrompt, t);
        Rng rng = new Rng(4);
        for (int step = 0; step < 12; step++) {
            int[][] next = new int[b][1];
            int[] z = new int[b];
            for (int s = 0; s < b; s++) {
                next[s][0] = (int) (rng.nextDouble() * c.vocabSize());
                z[s] = c.hasLatent() ? (int) (rng.nextDouble() * c.latentCodes()) : 0;
            }
            run(plain, fast, next, z, t);
        }
    }

    private static void run(IncrementalDecoder plain, IncrementalDecoder fast, int[][] tokens, int[] z, DataType t) {
        float[][] expected;
        float[][] actual;
        Ops was = OpsChoice.use(false);
        try (MemoryWorkspace ws = Workspaces.open("host-decoder-test")) {
            plain.lowerHalf(tokens);
            expected = plain.upperHalf(z);
            OpsChoice.use(true);
            fast.lowerHalf(tokens);
            actual = fast.upperHalf(z);
        } finally {
            OpsChoice.restore(was);
        }
        double tol = t == DataType.FLOAT ? 2e-4 : 1e-9;
        for (int s = 0; s < expected.length; s++) {
            for (int k = 0; k < expected[s].length; k++) {
                if (Math.abs(expected[s][k] - actual[s][k]) > tol * (1 + Math.abs(expected[s][k]))) {
                    throw new AssertionError("position " + plain.length() + " sequence " + s + " logit " + k + ": plain "
                            + expected[s][k] + ", host " + actual[s][k]);
                }
            }
        }
    }
}
