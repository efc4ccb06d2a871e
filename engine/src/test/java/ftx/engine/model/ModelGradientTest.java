package ftx.engine.model;

import static ftx.engine.model.GradCheck.check;
import static ftx.engine.model.GradCheck.nearOne;
import static ftx.engine.model.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finite-difference checks of {@link FreeTransformer#forwardBackward} in double precision on tiny
 * models. Baseline: the gradient of every parameter is the gradient of the loss. Free
 * Transformer (H = 3): with uniforms chosen far from the bit probabilities, a parameter
 * perturbation never flips a bit, so Z is fixed and central differences give the gradient of
 * {@code CE(Z fixed) + KL term}. That is the backward's value for every parameter downstream of Z;
 * upstream of the bit probabilities (embedding, lower blocks, encoder) the backward adds the
 * straight-through mapper term {@code sum_t sum_k a_tk dG_k(p_t)}, {@code a_tk = s_t . W_post[k]},
 * which vanishes when post.weight is zero and otherwise equals the gradient of the surrogate
 * {@code sum_t sum_k stopgrad(a_tk) G_k(p_t)}.
 */
class ModelGradientTest {
    private static final int MAX_POSITIONS = 8;
    /** Entries checked per tensor (all of them for smaller tensors); each costs two model forwards. */
    private static final int SAMPLE = 6;

    private final Random rnd = new Random(25_10_17558L);

    private static FreeTransformerConfig config(int latentBits) {
        return new FreeTransformerConfig(7, 8, 2, 2, 12, latentBits, 10000.0, 1e-5);
    }

    private Parameters randomParameters(FreeTransformerConfig c) {
        Parameters p = Parameters.zeros(c, DataType.DOUBLE);
        for (String name : p.names()) {
            INDArray t = p.get(name);
            if (name.endsWith("norm.weight")) {
                t.assign(nearOne(rnd, 0.1, t.length()));
            } else {
                t.assign(randn(rnd, name.equals("embed.weight") ? 0.5 : 0.3, t.shape()));
            }
        }
        return p;
    }

    private int[][] tokens(int b, int t, int v) {
        int[][] s = new int[b][t];
        for (int[] row : s) {
            for (int i = 0; i < t; i++) {
                row[i] = rnd.nextInt(v);
            }
        }
        return s;
    }

    /** CE with the encoder's Z plus the free-bits term, recomputed from a forward; checks Z did not change. */
    private static double loss(FreeTransformer m, int[][] inputs, int[] flatTargets, double[] uniforms, double kappa,
                               int[] expectedZ) {
        boolean latent = m.config().hasLatent();
        return loss(m.forward(inputs, latent ? FreeTransformer.ZSource.fromEncoder(uniforms) : FreeTransformer.ZSource.none()),
                latent, flatTargets, kappa, expectedZ);
    }

    private static double loss(FreeTransformer.Forward f, boolean latent, int[] flatTargets, double kappa, int[] expectedZ) {
        double ce = CrossEntropy.forward(f.logits(), flatTargets).mean();
        if (!latent) {
            return ce;
        }
        assertArrayEquals(expectedZ, f.z(), "a parameter perturbation flipped a bit of Z");
        return ce + FreeBitsKl.term(f.klPerToken(), kappa, KlBudget.PER_TOKEN, 1);
    }

    private void checkParameters(List<String> names, Parameters params, Parameters grads, DoubleSupplier loss) {
        assertFalse(names.isEmpty());
        for (String name : names) {
            check(name, grads.get(name), params.get(name), loss, SAMPLE, rnd);
        }
    }

    private static List<String> select(Parameters p, Predicate<String> which) {
        return p.names().stream().filter(which).toList();
    }

    /** Upstream of the bit probabilities: embedding, blocks 0..L/2-1 and the encoder. */
    private static boolean feedsTheEncoder(String name, FreeTransformerConfig c) {
        if (name.equals("embed.weight") || name.equals("zeta") || name.startsWith("enc")) {
            return true;
        }
        for (int i = 0; i < c.nLayers() / 2; i++) {
            if (name.startsWith(BlockWeights.blockPrefix(i))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void baselineBackwardGivesTheGradientOfTheLossForEveryParameter() {
        FreeTransformerConfig c = config(0);
        Parameters params = randomParameters(c);
        FreeTransformer m = new FreeTransformer(c, params, MAX_POSITIONS);
        int[][] inputs = tokens(2, 5, c.vocabSize());
        int[][] targets = tokens(2, 5, c.vocabSize());
        int[] flatTargets = FreeTransformer.flatten(targets);
        Parameters grads = Parameters.zeros(c, DataType.DOUBLE);
        FreeTransformer.Loss l = m.forwardBackward(inputs, targets, new double[0], 0.0, grads);
        DoubleSupplier loss = () -> loss(m, inputs, flatTargets, null, 0.0, null);
        assertEquals(l.loss(), loss.getAsDouble(), 1e-12);
        assertEquals(l.ce(), l.loss(), 0.0);
        assertEquals(21, params.names().size());
        checkParameters(params.names(), params, grads, loss);
    }

    /** A Free Transformer with H = 3 whose Z, kappa and uniforms keep every perturbation away from a kink. */
    private final class Latent {
        final FreeTransformerConfig c = config(3);
        final int b = 2;
        final int t = 4; // 8 tokens, one per code
        final Parameters params;
        final FreeTransformer m;
        final int[][] inputs = tokens(b, t, c.vocabSize());
        final int[][] targets = tokens(b, t, c.vocabSize());
        final int[] flatTargets = FreeTransformer.flatten(targets);
        final int[] codes = new int[b * t];
        final double[] uniforms;
        final double[] probs;
        final double kappa;
        final Parameters grads = Parameters.zeros(c, DataType.DOUBLE);
        final FreeTransformer.Loss result;

        Latent(boolean zeroPost) {
            params = randomParameters(c);
            params.get("enc_readout.bias").muli(3); // spread the bit probabilities and the KLs
            if (zeroPost) {
                params.get("post.weight").assign(0);
            }
            m = new FreeTransformer(c, params, MAX_POSITIONS);
            int h = c.latentBits();
            for (int i = 0; i < codes.length; i++) {
                codes[i] = i;
            }
            for (int i = codes.length - 1; i > 0; i--) { // a random permutation: every token its own code
                int j = rnd.nextInt(i + 1);
                int tmp = codes[i];
                codes[i] = codes[j];
                codes[j] = tmp;
            }
            FreeTransformer.Forward f = m.forward(inputs, FreeTransformer.ZSource.fromEncoder(new double[b * t * h]));
            probs = f.bitProbs().dup('c').data().asDouble();
            uniforms = new double[probs.length];
            for (int i = 0; i < codes.length; i++) {
                for (int j = 0; j < h; j++) { // bit set: u = p/2 < p; bit clear: u = (1+p)/2 > p
                    double p = probs[i * h + j];
                    assertTrue(p > 1e-3 && p < 1 - 1e-3, "bit probability too close to 0 or 1 for a safe margin");
                    uniforms[i * h + j] = ((codes[i] >> j) & 1) == 1 ? p / 2 : (1 + p) / 2;
                }
            }
            double[] kl = f.klPerToken().dup('c').data().asDouble();
            double[] sorted = kl.clone();
            Arrays.sort(sorted);
            int mid = sorted.length / 2;
            assertTrue(sorted[mid] - sorted[mid - 1] > 1e-3, "KLs too close together to put kappa between them");
            kappa = (sorted[mid] + sorted[mid - 1]) / 2; // half the tokens above the free bits, half below
            result = m.forwardBackward(inputs, targets, uniforms, kappa, grads);
            assertArrayEquals(codes, result.z(), "the uniforms select the planned codes");
            assertTrue(result.klTerm() > 0);
            assertEquals(result.loss(), zFixedLoss(), 1e-12);
        }

        double zFixedLoss() {
            return loss(m, inputs, flatTargets, uniforms, kappa, codes);
        }

        /** sum_t sum_k a_tk G_k(p_t) with a_tk = s_t . W_post[k] frozen at the unperturbed point. */
        DoubleSupplier surrogate() {
            int h = c.latentBits();
            int k = c.latentCodes();
            double[][] a = new double[codes.length][k];
            INDArray post = params.get("post.weight");
            for (int i = 0; i < codes.length; i++) {
                INDArray s = grads.get("post.weight").getRow(codes[i]); // s_t: the only token with this code
                for (int code = 0; code < k; code++) {
                    a[i][code] = s.mul(post.getRow(code)).sumNumber().doubleValue();
                }
            }
            return () -> {
                FreeTransformer.Forward f = m.forward(inputs, FreeTransformer.ZSource.fromEncoder(uniforms));
                double[] p = f.bitProbs().dup('c').data().asDouble();
                double st = 0;
                for (int i = 0; i < codes.length; i++) {
                    for (int code = 0; code < k; code++) {
                        double g = 1;
                        for (int j = 0; j < h; j++) {
                            g *= ((code >> j) & 1) == 1 ? p[i * h + j] : 1 - p[i * h + j];
                        }
                        st += a[i][code] * g;
                    }
                }
                return loss(f, true, flatTargets, kappa, codes) + st;
            };
        }
    }

    @Test
    void latentBackwardIsExactDownstreamOfZ() {
        Latent x = new Latent(false);
        List<String> names = select(x.params, n -> !feedsTheEncoder(n, x.c));
        assertEquals(List.of("blocks.1.attn_norm.weight", "blocks.1.attn.wq.weight", "blocks.1.attn.wk.weight",
                "blocks.1.attn.wv.weight", "blocks.1.attn.wo.weight", "blocks.1.mlp_norm.weight", "blocks.1.mlp.w1.weight",
                "blocks.1.mlp.w3.weight", "blocks.1.mlp.w2.weight", "norm.weight", "head.weight", "post.weight"), names);
        checkParameters(names, x.params, x.grads, x::zFixedLoss);
    }

    @Test
    void latentBackwardIsExactForEveryParameterWhenPostWeightIsZero() {
        Latent x = new Latent(true);
        // with W_post = 0, dL/dG_k = s . W_post[k] = 0: no straight-through term anywhere
        checkParameters(select(x.params, n -> feedsTheEncoder(n, x.c)), x.params, x.grads, x::zFixedLoss);
        checkParameters(List.of("post.weight", "blocks.1.attn.wk.weight"), x.params, x.grads, x::zFixedLoss);
    }

    @Test
    void straightThroughMapperTermIsTheGradientOfTheSurrogateUpstreamOfZ() {
        Latent x = new Latent(false);
        List<String> names = select(x.params, n -> feedsTheEncoder(n, x.c));
        assertEquals(23, names.size(), "embed, block 0, zeta, 9 enc.* tensors, enc_norm, readout weight and bias");
        // the term is really there: the readout bias gradient is not that of CE(Z fixed) + KL alone
        INDArray bias = x.params.get("enc_readout.bias");
        double gap = 0;
        for (long i = 0; i < bias.length(); i++) {
            gap = Math.max(gap, Math.abs(GradCheck.centralDifference(bias, i, x::zFixedLoss)
                    - x.grads.get("enc_readout.bias").getDouble(i)));
        }
        assertTrue(gap > 1e-4, "the straight-through term should be visible, gap " + gap);
        checkParameters(names, x.params, x.grads, x.surrogate());
    }
}
