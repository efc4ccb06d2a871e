package ftx.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.util.StepCancel;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The prior-Z share (LatentRecipe): marked sequences are decoded with Z drawn from the uniform
 * prior by the same uniforms, and the encoder learns nothing from their cross-entropy.
 */
class PriorZShareTest {
    private static final FreeTransformerConfig C = new FreeTransformerConfig(7, 8, 2, 2, 12, 3, 10000.0, 1e-5);
    private static final int B = 3;
    private static final int T = 5;
    private final Random rnd = new Random(7);

    private FreeTransformer model() {
        Parameters p = Parameters.zeros(C, DataType.DOUBLE);
        for (String name : p.names()) {
            p.get(name).assign(GradCheck.randn(rnd, 0.4, p.get(name).shape()));
        }
        p.get("enc_readout.bias").assign(3.0); // the posterior sets most bits; the prior sets half
        return new FreeTransformer(C, p, 16);
    }

    private Run run(FreeTransformer m, int[][] tokens, double[] u, boolean[] fromPrior) {
        Parameters g = Parameters.zeros(C, DataType.DOUBLE);
        // kappa far above any KL: the hinge is flat, so every encoder gradient comes from the CE
        FreeTransformer.Loss loss = m.forwardBackward(tokens, tokens, u, fromPrior, LatentObjective.hinge(100.0, KlBudget.PER_TOKEN), g,
                StepCancel.NONE, KlExchange.WHOLE_BATCH);
        return new Run(loss, g);
    }

    private record Run(FreeTransformer.Loss loss, Parameters grads) {
    }

    @Test
    void markedSequencesTakeZFromThePriorAndTeachTheEncoderNothing() {
        FreeTransformer m = model();
        int[][] tokens = new int[B][T];
        for (int[] row : tokens) {
            for (int i = 0; i < T; i++) {
                row[i] = rnd.nextInt(7);
            }
        }
        double[] u = new double[B * T * 3];
        for (int i = 0; i < u.length; i++) {
            u[i] = rnd.nextDouble();
        }
        Run encoder = run(m, tokens, u, null);
        Run none = run(m, tokens, u, new boolean[B]);
        assertEquals(encoder.loss().loss(), none.loss().loss(), 0.0, "no mark is the paper's pass");
        assertArrayEquals(encoder.loss().z(), none.loss().z());

        Run middle = run(m, tokens, u, new boolean[] {false, true, false});
        int[] z = middle.loss().z();
        for (int i = 0; i < B * T; i++) {
            int prior = 0;
            for (int bit = 0; bit < 3; bit++) {
                prior |= u[i * 3 + bit] < 0.5 ? 1 << bit : 0;
            }
            boolean marked = i / T == 1;
            assertEquals(marked ? prior : encoder.loss().z()[i], z[i], "row " + i);
        }
        assertNotEquals(java.util.Arrays.toString(encoder.loss().z()), java.util.Arrays.toString(z), "other codes");
        assertNotEquals(encoder.loss().ce(), middle.loss().ce(), "the middle sequence read other codes");

        Run all = run(m, tokens, u, new boolean[] {true, true, true});
        for (String name : all.grads().names()) {
            double norm = all.grads().get(name).norm2Number().doubleValue();
            if (name.startsWith("enc") || name.equals("zeta")) {
                assertEquals(0.0, norm, 0.0, name + ": the CE of prior-Z sequences does not reach the encoder");
            } else {
                assertTrue(norm > 0, name + " still learns");
            }
        }
        INDArray encGrad = encoder.grads().get("enc_readout.weight");
        assertTrue(encGrad.norm2Number().doubleValue() > 0, "unmarked, the encoder learns from the CE");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(m, tokens, u, new boolean[2])).getMessage()
                .contains("the batch has 3"));
    }
}
