package ftx.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import ftx.engine.checkpoint.Checkpoint;
import ftx.engine.io.Safetensors;
import ftx.engine.io.Tensor;
import ftx.engine.testing.GoldenFiles;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reproduces the golden cases of SPEC section 6 (computed in float64 by an independent
 * implementation) with the float32 engine: bit logits, KL, Z from the given uniforms, logits with
 * the encoder's Z and with given Z, CE, KL term, loss and the gradient of every parameter.
 * The golden folder is loaded as a checkpoint written by another program.
 */
class GoldenCaseTest {
    private static final double REL = 1e-4;

    @TempDir
    Path tmp;

    private record Golden(FreeTransformer model, Map<String, Tensor> io, Map<String, Tensor> grads, JsonNode expected,
                          int[][] inputs, int[][] targets, double[] uniforms) {
    }

    private Golden load(String name) throws Exception {
        Path dir = GoldenFiles.caseDir(name);
        Checkpoint c = GoldenFiles.loadModel(name, tmp);
        Map<String, Tensor> io = Safetensors.read(dir.resolve("case.safetensors"));
        int[] tokens = io.get("tokens").toInts();
        int b = (int) io.get("tokens").shape()[0];
        int t = (int) io.get("tokens").shape()[1];
        int[][] inputs = new int[b][t - 1];
        int[][] targets = new int[b][t - 1];
        for (int i = 0; i < b; i++) {
            System.arraycopy(tokens, i * t, inputs[i], 0, t - 1);
            System.arraycopy(tokens, i * t + 1, targets[i], 0, t - 1);
        }
        return new Golden(new FreeTransformer(c.config(), c.weights(), 128), io,
                Safetensors.read(dir.resolve("grads.safetensors")),
                new ObjectMapper().readTree(dir.resolve("expected.json").toFile()), inputs, targets,
                io.get("uniforms").values());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "medium"})
    void forwardWithEncoderZMatches(String name) throws Exception {
        Golden g = load(name);
        FreeTransformer.Forward f = g.model().forward(g.inputs(), FreeTransformer.ZSource.fromEncoder(g.uniforms()));
        assertClose("bit_logits", g.io().get("bit_logits").values(), f.bitLogits());
        assertClose("kl", g.io().get("kl").values(), f.klPerToken());
        assertClose("logits", g.io().get("logits").values(), f.logits());
        assertZMatches(g, f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "medium"})
    void forwardWithGivenZMatches(String name) throws Exception {
        Golden g = load(name);
        int[] z = g.io().get("z_given").toInts();
        FreeTransformer.Forward f = g.model().forward(g.inputs(), FreeTransformer.ZSource.given(z));
        assertClose("logits_given", g.io().get("logits_given").values(), f.logits());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny", "medium"})
    void lossAndEveryGradientMatch(String name) throws Exception {
        Golden g = load(name);
        double kappa = g.expected().get("kappa_nats").asDouble();
        Parameters grads = Parameters.zeros(g.model().config(), DataType.FLOAT);
        FreeTransformer.Loss loss = g.model().forwardBackward(g.inputs(), g.targets(), g.uniforms(), kappa, grads);
        assertEquals(g.expected().get("ce").asDouble(), loss.ce(), 1e-4 * g.expected().get("ce").asDouble(), "ce");
        assertEquals(g.expected().get("kl_term").asDouble(), loss.klTerm(), 1e-4 * g.expected().get("kl_term").asDouble(), "kl_term");
        assertEquals(g.expected().get("loss").asDouble(), loss.loss(), 1e-4 * g.expected().get("loss").asDouble(), "loss");
        assertEquals(g.grads().size(), grads.names().size(), "one gradient per parameter");
        for (String p : grads.names()) {
            assertClose("grad " + p, g.grads().get(p).values(), grads.get(p));
        }
    }

    /** Z indices from the given uniforms; a bit whose uniform lies within float rounding of p may differ. */
    private static void assertZMatches(Golden g, FreeTransformer.Forward f) {
        int[] expected = g.io().get("z_index").toInts();
        double[] p = f.bitProbs().dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double[] u = g.uniforms();
        int h = (int) f.bitProbs().size(1);
        int exact = 0;
        for (int i = 0; i < expected.length; i++) {
            boolean ambiguous = false;
            for (int bit = 0; bit < h; bit++) {
                ambiguous |= Math.abs(u[i * h + bit] - p[i * h + bit]) < 1e-5;
            }
            if (!ambiguous) {
                assertEquals(expected[i], f.z()[i], "z_index at row " + i);
                exact++;
            }
        }
        assertTrue(exact > expected.length * 0.95, "too many ambiguous bits: " + exact + "/" + expected.length);
    }

    static void assertClose(String what, double[] expected, INDArray actual) {
        double[] a = actual.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        assertEquals(expected.length, a.length, what + ": size");
        double scale = 0;
        double worst = 0;
        int worstAt = 0;
        for (int i = 0; i < a.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
        }
        for (int i = 0; i < a.length; i++) {
            double err = Math.abs(a[i] - expected[i]);
            if (err > worst) {
                worst = err;
                worstAt = i;
            }
        }
        assertTrue(worst <= REL * scale + 1e-7, what + ": max error " + worst + " at " + worstAt + " (expected "
                + expected[worstAt] + ", got " + a[worstAt] + "), scale " + scale);
    }
}
