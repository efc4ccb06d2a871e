package ftx.engine.model;

import static ftx.engine.model.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.train.LatentRecipe;
import ftx.engine.util.Rng;
import ftx.engine.util.StepCancel;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The science issue's levers on the loss: the two-sided capacity target and aggregate-posterior
 * matching have the gradients their values say (central differences, in double), and an encoder
 * frozen for the step leaves every gradient downstream of Z as it was and the rest at zero.
 */
class LatentLeversTest {
    private final Random rnd = new Random(20261207);

    /** Two sequences of three positions, H = 2: KLs spread on both sides of kappa = 0.15. */
    private static INDArray spreadLogits() {
        double[][] values = {{3.0, -2.5}, {2.8, 0.1}, {0.1, 0.2}, {2.6, -3.1}, {0.2, -0.1}, {-0.15, 0.1}};
        INDArray logits = Nd4j.zeros(DataType.DOUBLE, values.length, 2);
        for (int i = 0; i < values.length; i++) {
            logits.putRow(i, Nd4j.createFromArray(values[i]));
        }
        return logits;
    }

    @ParameterizedTest
    @EnumSource(KlBudget.class)
    void twoSidedTargetHasTheGradientOfGammaTimesTheDistanceToKappa(KlBudget budget) {
        int b = 2;
        double kappa = 0.15;
        double gamma = 1.5;
        INDArray logits = spreadLogits();
        INDArray probs = Transforms.sigmoid(logits, true);
        INDArray kl = FreeBitsKl.perToken(logits, probs);
        INDArray grad = FreeBitsKl.gradient(logits, probs, kl, kappa, budget, gamma, b);
        check(budget + " two-sided term dlogits", grad, logits, () -> FreeBitsKl.term(
                FreeBitsKl.perToken(logits, Transforms.sigmoid(logits, true)), kappa, budget, gamma, b));
        double hinge = FreeBitsKl.term(kl, kappa, budget, b);
        double twoSided = FreeBitsKl.term(kl, kappa, budget, gamma, b);
        assertTrue(twoSided >= gamma * hinge - 1e-12, "the two-sided target costs at least gamma x the hinge");
        if (budget == KlBudget.PER_TOKEN) {
            double expected = 0;
            for (int i = 0; i < kl.size(0); i++) {
                expected += gamma * Math.abs(kl.getDouble(i, 0) - kappa);
            }
            assertEquals(expected / kl.size(0), twoSided, 1e-12);
            int below = 5; // KL ~ 0.01 < kappa
            assertTrue(kl.getDouble(below, 0) < kappa);
            INDArray slope = grad.getRow(below);
            INDArray logit = logits.getRow(below);
            assertTrue(slope.mul(logit).sumNumber().doubleValue() < 0,
                    "a token below kappa is pushed to be more confident (descent raises its KL)");
        }
    }

    @Test
    void aggregatePosteriorMatchingHasTheGradientOfItsValue() {
        int b = 3;
        int t = 4;
        int h = 3;
        INDArray logits = Nd4j.zeros(DataType.DOUBLE, b * t, h);
        for (int i = 0; i < b * t; i++) {
            for (int j = 0; j < h; j++) {
                logits.putScalar(i, j, rnd.nextGaussian() * 2 + (j == 0 ? 1.5 : 0)); // bit 0 leans to 1 over the batch
            }
        }
        double lambda = 0.7;
        INDArray probs = Transforms.sigmoid(logits, true);
        double[] q = mean(PosteriorMatching.sums(probs, b), b);
        double expected = 0;
        for (int tt = 0; tt < t; tt++) {
            for (int j = 0; j < h; j++) {
                double m = 0;
                for (int s = 0; s < b; s++) {
                    m += probs.getDouble(s * t + tt, j) / b;
                }
                assertEquals(m, q[tt * h + j], 1e-12, "q is the batch's mean at position " + tt + ", bit " + j);
                expected += Math.log(2) + m * Math.log(m) + (1 - m) * Math.log(1 - m);
            }
        }
        assertEquals(lambda * expected / t, PosteriorMatching.term(q, lambda, t), 1e-12);
        INDArray grad = PosteriorMatching.gradient(probs, q, lambda, b);
        check("matching term dlogits", grad, logits, () -> {
            INDArray p = Transforms.sigmoid(logits, true);
            return PosteriorMatching.term(mean(PosteriorMatching.sums(p, b), b), lambda, t);
        });
        double[] uniform = new double[t * h];
        java.util.Arrays.fill(uniform, 0.5);
        assertEquals(0.0, PosteriorMatching.term(uniform, lambda, t), 1e-15, "the prior's own mean costs nothing");
    }

    private static double[] mean(double[] sums, int b) {
        double[] m = sums.clone();
        for (int i = 0; i < m.length; i++) {
            m[i] /= b;
        }
        return m;
    }

    @Test
    void aFrozenEncoderLeavesTheGradientsDownstreamOfZAndNoOthers() {
        FreeTransformerConfig c = new FreeTransformerConfig(7, 8, 2, 2, 12, 3, 10000.0, 1e-5);
        Parameters p = Initializer.init(c, new Rng(5), DataType.DOUBLE);
        p.get("post.weight").assign(Nd4j.randn(DataType.DOUBLE, c.latentCodes(), c.dModel()).muli(0.3));
        FreeTransformer m = new FreeTransformer(c, p, 16);
        Rng rng = new Rng(9);
        int b = 3;
        int t = 5;
        int[][] inputs = new int[b][t];
        int[][] targets = new int[b][t];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                inputs[i][j] = rng.nextInt(7);
                targets[i][j] = rng.nextInt(7);
            }
        }
        double[] u = new double[b * t * 3];
        for (int i = 0; i < u.length; i++) {
            u[i] = rng.nextDouble();
        }
        LatentObjective learning = new LatentObjective(0.05, KlBudget.PER_POSITION, 1, 0.5, false);
        LatentObjective frozen = new LatentObjective(0.05, KlBudget.PER_POSITION, 1, 0.5, true);
        Parameters all = Parameters.zeros(c, DataType.DOUBLE);
        Parameters skipped = Parameters.zeros(c, DataType.DOUBLE);
        FreeTransformer.Loss a = m.forwardBackward(inputs, targets, u, null, learning, all, StepCancel.NONE,
                KlExchange.WHOLE_BATCH);
        FreeTransformer.Loss f = m.forwardBackward(inputs, targets, u, null, frozen, skipped, StepCancel.NONE,
                KlExchange.WHOLE_BATCH);
        assertEquals(a.loss(), f.loss(), 0.0, "the loss does not depend on what learns");
        assertEquals(a.ce() + a.klTerm() + a.matching(), a.loss(), 1e-12);
        assertTrue(a.matching() > 0);
        int encoderWeights = 0;
        for (String name : all.names()) {
            double[] full = all.get(name).dup().data().asDouble();
            double[] part = skipped.get(name).dup().data().asDouble();
            if (LatentRecipe.shapesEncoder(name, c.nLayers())) {
                encoderWeights++;
                assertEquals(0.0, skipped.get(name).amaxNumber().doubleValue(), 0.0, name + " is frozen: no gradient");
                assertTrue(all.get(name).amaxNumber().doubleValue() > 0, name + " has a gradient when it learns");
            } else {
                org.junit.jupiter.api.Assertions.assertArrayEquals(full, part, 0.0, name + " bit for bit");
            }
        }
        assertTrue(encoderWeights > 5);
    }
}
