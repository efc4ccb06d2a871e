package ftx.engine.model;

import static ftx.engine.model.GradCheck.check;
import static ftx.engine.model.GradCheck.nearOne;
import static ftx.engine.model.GradCheck.probe;
import static ftx.engine.model.GradCheck.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleSupplier;
import ftx.engine.kernels.MultilinearPlain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Finite-difference checks, in double precision on tiny shapes, of the explicit backward of every
 * operation of the model: each backward's input gradient and accumulated weight gradients must
 * equal central differences of a scalar probe {@code L = sum(y * r)} (r fixed and random, so
 * dL/dy = r), or of the op's own scalar output (cross-entropy, free-bits KL, multilinear form).
 * The Binary Mapper's gradient is also compared with a dense brute-force computation of G.
 */
class FiniteDifferenceTest {
    /** D = 8, 2 heads of 4, F = 12, H = 3. */
    private static final FreeTransformerConfig CONFIG = new FreeTransformerConfig(7, 8, 2, 2, 12, 3, 10000.0, 1e-5);
    private static final int D = CONFIG.dModel();
    private static final int F = CONFIG.ffnHidden();
    private static final int MAX_POSITIONS = 8;
    private static final int B = 2;
    private static final int T = 3;

    /** Entries checked per tensor in the attention, block and encoder checks (each costs two forwards). */
    private static final int SAMPLE = 12;

    private final Random rnd = new Random(20251017);
    private final Rope rope = new Rope(CONFIG, MAX_POSITIONS, DataType.DOUBLE);

    private BlockWeights randomBlock() {
        return new BlockWeights(nearOne(rnd, 0.1, D), randn(rnd, 0.3, D, D), randn(rnd, 0.3, D, D),
                randn(rnd, 0.3, D, D), randn(rnd, 0.3, D, D), nearOne(rnd, 0.1, D), randn(rnd, 0.3, F, D),
                randn(rnd, 0.3, F, D), randn(rnd, 0.3, D, F));
    }

    private static BlockWeights zeroBlock() {
        return new BlockWeights(Nd4j.zeros(DataType.DOUBLE, D), Nd4j.zeros(DataType.DOUBLE, D, D),
                Nd4j.zeros(DataType.DOUBLE, D, D), Nd4j.zeros(DataType.DOUBLE, D, D), Nd4j.zeros(DataType.DOUBLE, D, D),
                Nd4j.zeros(DataType.DOUBLE, D), Nd4j.zeros(DataType.DOUBLE, F, D), Nd4j.zeros(DataType.DOUBLE, F, D),
                Nd4j.zeros(DataType.DOUBLE, D, F));
    }

    /** A check on a random subset of SAMPLE entries (all of them for small tensors). */
    private void sampled(String what, INDArray analytic, INDArray x, DoubleSupplier loss) {
        check(what, analytic, x, loss, SAMPLE, rnd);
    }

    private void checkAttentionWeights(String what, BlockWeights g, BlockWeights w, DoubleSupplier loss) {
        sampled(what + " wq", g.wq(), w.wq(), loss);
        sampled(what + " wk", g.wk(), w.wk(), loss);
        sampled(what + " wv", g.wv(), w.wv(), loss);
        sampled(what + " wo", g.wo(), w.wo(), loss);
    }

    private void checkAllBlockWeights(String what, BlockWeights g, BlockWeights w, DoubleSupplier loss) {
        sampled(what + " attn_norm", g.attnNorm(), w.attnNorm(), loss);
        checkAttentionWeights(what, g, w, loss);
        sampled(what + " mlp_norm", g.mlpNorm(), w.mlpNorm(), loss);
        sampled(what + " w1", g.w1(), w.w1(), loss);
        sampled(what + " w3", g.w3(), w.w3(), loss);
        sampled(what + " w2", g.w2(), w.w2(), loss);
    }

    @Test
    void linearBackwardGivesInputGradientAndAccumulatesWeightGradient() {
        INDArray x = randn(rnd, 1.0, 5, 4);
        INDArray w = randn(rnd, 0.5, 3, 4);
        INDArray r = randn(rnd, 1.0, 5, 3);
        INDArray before = randn(rnd, 1.0, 3, 4);
        INDArray dw = before.dup();
        INDArray dx = Linear.backward(r, x, w, dw);
        check("linear dx", dx, x, () -> probe(Linear.forward(x, w), r));
        check("linear dw (added to what dw held)", dw.sub(before), w, () -> probe(Linear.forward(x, w), r));
    }

    @Test
    void rmsNormBackwardMatchesFiniteDifferencesForInputAndWeight() {
        INDArray x = randn(rnd, 1.0, 4, D);
        INDArray w = nearOne(rnd, 0.2, D);
        INDArray r = randn(rnd, 1.0, 4, D);
        INDArray before = randn(rnd, 1.0, D);
        INDArray dw = before.dup();
        INDArray dx = RmsNorm.backward(r, RmsNorm.forward(x, w, CONFIG.normEps()), w, dw);
        check("rmsnorm dx", dx, x, () -> probe(RmsNorm.forward(x, w, CONFIG.normEps()).y(), r));
        check("rmsnorm dw (added to what dw held)", dw.sub(before), w,
                () -> probe(RmsNorm.forward(x, w, CONFIG.normEps()).y(), r));
    }

    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {0, 3, 5})
    void ropeBackwardIsTheTransposeOfTheForwardAtAnyOffset(int offset) {
        INDArray x = randn(rnd, 1.0, B * T, D);
        INDArray r = randn(rnd, 1.0, B * T, D);
        INDArray dx = rope.backward(r, B, T, offset);
        check("rope dx at offset " + offset, dx, x, () -> probe(rope.forward(x, B, T, offset), r));
    }

    @Test
    void ropeAtPositionZeroIsTheIdentityAndPreservesNorms() {
        INDArray x = randn(rnd, 1.0, B * T, D);
        INDArray y = rope.forward(x, B, T, 2);
        for (int row = 0; row < B * T; row++) { // a rotation of each pair keeps every row's norm
            assertEquals(x.getRow(row).norm2Number().doubleValue(), y.getRow(row).norm2Number().doubleValue(), 1e-12);
        }
        INDArray x1 = randn(rnd, 1.0, 1, D);
        assertEquals(0.0, rope.forward(x1, 1, 1, 0).sub(x1).amaxNumber().doubleValue(), 1e-15);
    }

    @Test
    void swiGluBackwardMatchesFiniteDifferencesForInputAndThreeWeights() {
        BlockWeights w = randomBlock();
        BlockWeights g = zeroBlock();
        INDArray x = randn(rnd, 1.0, 5, D);
        INDArray r = randn(rnd, 1.0, 5, D);
        INDArray dx = SwiGlu.backward(r, SwiGlu.forward(x, w).cache(), w, g);
        DoubleSupplier loss = () -> probe(SwiGlu.forward(x, w).y(), r);
        check("swiglu dx", dx, x, loss);
        check("swiglu dw1", g.w1(), w.w1(), loss);
        check("swiglu dw2", g.w2(), w.w2(), loss);
        check("swiglu dw3", g.w3(), w.w3(), loss);
    }

    @Test
    void causalAttentionWithOneInputSumsBothInputGradients() {
        BlockWeights w = randomBlock();
        BlockWeights g = zeroBlock();
        INDArray x = randn(rnd, 1.0, B * T, D);
        INDArray r = randn(rnd, 1.0, B * T, D);
        Attention.Output out = Attention.forward(x, x, w, rope, CONFIG.nHeads(), B, T, T, true);
        INDArray[] d = Attention.backward(r, out.cache(), w, g, rope, CONFIG.nHeads());
        DoubleSupplier loss =
                () -> probe(Attention.forward(x, x, w, rope, CONFIG.nHeads(), B, T, T, true).y(), r);
        check("causal attention dx = dxq + dxkv", d[1] == null ? d[0] : d[0].add(d[1]), x, loss); // one input: dxq holds both
        checkAttentionWeights("causal attention", g, w, loss);
    }

    @Test
    void causalAttentionIgnoresLaterPositions() {
        BlockWeights w = randomBlock();
        INDArray x = randn(rnd, 1.0, B * T, D);
        INDArray y = Attention.forward(x, x, w, rope, CONFIG.nHeads(), B, T, T, true).y();
        INDArray x2 = x.dup();
        x2.getRow(T - 1).addi(1.0); // last position of sequence 0
        INDArray y2 = Attention.forward(x2, x2, w, rope, CONFIG.nHeads(), B, T, T, true).y();
        INDArray diff = Transforms.abs(y2.sub(y), false);
        for (int row = 0; row < B * T; row++) {
            double change = diff.getRow(row).maxNumber().doubleValue();
            if (row == T - 1) {
                assertTrue(change > 1e-6, "the changed position itself must change");
            } else {
                assertEquals(0.0, change, 1e-15, "row " + row + " saw a later or foreign position");
            }
        }
    }

    @Test
    void nonCausalAttentionWithSeparateQueryAndKeyInputsOfDifferentLengths() {
        int tq = 3;
        int tk = 4;
        BlockWeights w = randomBlock();
        BlockWeights g = zeroBlock();
        INDArray xq = randn(rnd, 1.0, B * tq, D);
        INDArray xkv = randn(rnd, 1.0, B * tk, D);
        INDArray r = randn(rnd, 1.0, B * tq, D);
        Attention.Output out = Attention.forward(xq, xkv, w, rope, CONFIG.nHeads(), B, tq, tk, false);
        INDArray[] d = Attention.backward(r, out.cache(), w, g, rope, CONFIG.nHeads());
        DoubleSupplier loss =
                () -> probe(Attention.forward(xq, xkv, w, rope, CONFIG.nHeads(), B, tq, tk, false).y(), r);
        sampled("non-causal attention dxq", d[0], xq, loss);
        sampled("non-causal attention dxkv", d[1], xkv, loss);
        checkAttentionWeights("non-causal attention", g, w, loss);
    }

    @Test
    void blockWithOneInputMatchesFiniteDifferencesForInputAndAllNineWeights() {
        BlockWeights w = randomBlock();
        BlockWeights g = zeroBlock();
        INDArray x = randn(rnd, 1.0, B * T, D);
        INDArray r = randn(rnd, 1.0, B * T, D);
        Block.Output out = Block.forward(x, null, w, rope, CONFIG, B, T, true);
        INDArray[] d = Block.backward(r, out.cache(), w, g, rope, CONFIG.nHeads());
        assertNull(d[1], "a block with one input returns no separate key/value gradient");
        DoubleSupplier loss = () -> probe(Block.forward(x, null, w, rope, CONFIG, B, T, true).y(), r);
        sampled("block dx", d[0], x, loss);
        checkAllBlockWeights("block", g, w, loss);
    }

    @ParameterizedTest(name = "causal = {0}")
    @ValueSource(booleans = {true, false})
    void blockWithSeparateKeyValueInputMatchesFiniteDifferences(boolean causal) {
        BlockWeights w = randomBlock();
        BlockWeights g = zeroBlock();
        INDArray xq = randn(rnd, 1.0, B * T, D);
        INDArray xkv = randn(rnd, 1.0, B * T, D);
        INDArray r = randn(rnd, 1.0, B * T, D);
        Block.Output out = Block.forward(xq, xkv, w, rope, CONFIG, B, T, causal);
        INDArray[] d = Block.backward(r, out.cache(), w, g, rope, CONFIG.nHeads());
        DoubleSupplier loss =
                () -> probe(Block.forward(xq, xkv, w, rope, CONFIG, B, T, causal).y(), r);
        sampled("block dxq", d[0], xq, loss);
        sampled("block dxkv", d[1], xkv, loss);
        checkAllBlockWeights("block (separate kv)", g, w, loss);
    }

    @Test
    void encoderBackwardMatchesFiniteDifferencesForXHalfAndEveryEncoderTensor() {
        Parameters p = Parameters.zeros(CONFIG, DataType.DOUBLE);
        for (String name : p.names()) {
            if (name.endsWith("norm.weight")) {
                p.get(name).assign(nearOne(rnd, 0.1, D));
            } else {
                p.get(name).assign(randn(rnd, 0.3, p.get(name).shape()));
            }
        }
        Parameters g = Parameters.zeros(CONFIG, DataType.DOUBLE);
        INDArray xHalf = randn(rnd, 1.0, B * T, D);
        INDArray r = randn(rnd, 1.0, B * T, CONFIG.latentBits());
        Encoder.Output out = Encoder.forward(xHalf, p, rope, CONFIG, B, T);
        INDArray dx = Encoder.backward(r, out.cache(), p, g, rope, CONFIG);
        DoubleSupplier loss = () -> probe(Encoder.forward(xHalf, p, rope, CONFIG, B, T).bitLogits(), r);
        sampled("encoder dXhalf", dx, xHalf, loss);
        int checked = 0;
        for (String name : p.names()) {
            if (name.equals("zeta") || name.startsWith("enc")) {
                sampled("encoder " + name, g.get(name), p.get(name), loss);
                checked++;
            }
        }
        assertEquals(13, checked, "zeta, 9 enc.* tensors, enc_norm, readout weight and bias");
    }

    @Test
    void rowLookupBackwardScatterAddsRepeatedIndices() {
        INDArray table = randn(rnd, 1.0, 5, 4);
        int[] index = {3, 1, 3, 0, 3, 4, 1}; // row 2 never looked up
        INDArray r = randn(rnd, 1.0, index.length, 4);
        INDArray before = randn(rnd, 1.0, 5, 4);
        INDArray dTable = before.dup();
        RowLookup.backward(r, index, dTable);
        check("row lookup dTable (added to what it held)", dTable.sub(before), table,
                () -> probe(RowLookup.forward(table, index), r));
        assertEquals(0.0, dTable.getRow(2).sub(before.getRow(2)).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void crossEntropyGradientIsTheGradientOfTheMean() {
        INDArray logits = randn(rnd, 2.0, 6, 7);
        int[] targets = {0, 6, 3, 3, 1, 5};
        CrossEntropy.Result res = CrossEntropy.forward(logits, targets);
        double expected = 0;
        for (int i = 0; i < targets.length; i++) {
            double lse = Math.log(Transforms.exp(logits.getRow(i), true).sumNumber().doubleValue());
            expected += (lse - logits.getDouble(i, targets[i])) / targets.length;
        }
        assertEquals(expected, res.mean(), 1e-12);
        check("cross-entropy dlogits", CrossEntropy.gradient(res, targets), logits,
                () -> CrossEntropy.forward(logits, targets).mean());
    }

    @Test
    void freeBitsGradientIsTheGradientOfTheHingeTermAboveAndBelowKappa() {
        int n = 6;
        int h = 3;
        double kappa = 0.5;
        INDArray logits = Nd4j.zeros(DataType.DOUBLE, n, h);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < h; j++) { // rows 0-2 confident (KL ~ 1.2 nats), rows 3-5 near 1/2 (KL ~ 0.05)
                double mag = i < 3 ? 2 + rnd.nextDouble() : 0.4 * rnd.nextDouble();
                logits.putScalar(i, j, rnd.nextBoolean() ? mag : -mag);
            }
        }
        INDArray kl = FreeBitsKl.perToken(logits, Transforms.sigmoid(logits, true));
        int above = 0;
        for (int i = 0; i < n; i++) {
            double expected = 0;
            for (int j = 0; j < h; j++) {
                double p = 1 / (1 + Math.exp(-logits.getDouble(i, j)));
                expected += Math.log(2) + p * Math.log(p) + (1 - p) * Math.log(1 - p);
            }
            assertEquals(expected, kl.getDouble(i, 0), 1e-12, "KL of token " + i);
            assertTrue(Math.abs(expected - kappa) > 0.05, "token " + i + " too close to the hinge's kink");
            above += expected > kappa ? 1 : 0;
        }
        assertEquals(3, above, "half the tokens above kappa, half below");
        INDArray grad = FreeBitsKl.gradient(logits, Transforms.sigmoid(logits, true), kl, kappa, KlBudget.PER_TOKEN, 2);
        check("free-bits KL term dlogits", grad, logits, () -> FreeBitsKl.term(
                FreeBitsKl.perToken(logits, Transforms.sigmoid(logits, true)), kappa, KlBudget.PER_TOKEN, 2));
        for (int i = 3; i < n; i++) {
            assertEquals(0.0, grad.getRow(i).amaxNumber().doubleValue(), 0.0, "token below kappa has no gradient");
        }
    }

    @Test
    void perSequenceBudgetHingesEachSequencesMeanKl() {
        int b = 2;
        int t = 3;
        double kappa = 0.25; // sequence 0: one confident token, mean KL ~ 0.34 > kappa; sequence 1: one fairly confident token, mean ~ 0.15
        INDArray logits = Nd4j.zeros(DataType.DOUBLE, b * t, 2);
        double[][] values = {{3.0, -3.0}, {0.3, -0.2}, {0.1, 0.25}, {0.2, -0.3}, {-0.1, 0.35}, {2.5, 0.1}};
        for (int i = 0; i < values.length; i++) {
            logits.putRow(i, Nd4j.createFromArray(values[i]));
        }
        INDArray probs = Transforms.sigmoid(logits, true);
        INDArray kl = FreeBitsKl.perToken(logits, probs);
        double mean0 = kl.get(NDArrayIndex.interval(0, 3), NDArrayIndex.all()).meanNumber().doubleValue();
        double mean1 = kl.get(NDArrayIndex.interval(3, 6), NDArrayIndex.all()).meanNumber().doubleValue();
        assertTrue(mean0 > kappa + 0.05 && mean1 < kappa - 0.05, "one sequence above, one below: " + mean0 + ", " + mean1);
        assertEquals((mean0 - kappa) / b, FreeBitsKl.term(kl, kappa, KlBudget.PER_SEQUENCE, b), 1e-12);
        INDArray grad = FreeBitsKl.gradient(logits, probs, kl, kappa, KlBudget.PER_SEQUENCE, b);
        check("per-sequence free-bits term dlogits", grad, logits, () -> FreeBitsKl.term(
                FreeBitsKl.perToken(logits, Transforms.sigmoid(logits, true)), kappa, KlBudget.PER_SEQUENCE, b));
        for (int i = 0; i < t; i++) {
            assertTrue(grad.getRow(i).amaxNumber().doubleValue() > 0, "every token of the sequence over budget pays");
            assertEquals(0.0, grad.getRow(t + i).amaxNumber().doubleValue(), 0.0,
                    "a sequence under budget is free, even its confident token");
        }
    }

    @Test
    void perPositionAndGlobalBudgetsHingeTheBatchMean() {
        int b = 2;
        int t = 3;
        INDArray logits = Nd4j.zeros(DataType.DOUBLE, b * t, 2);
        // position 0: both sequences confident (batch mean high); position 1: one confident, one not; position 2: neither
        double[][] values = {{3.0, -2.5}, {2.8, 0.1}, {0.1, 0.2}, {2.6, -3.1}, {0.2, -0.1}, {-0.15, 0.1}};
        for (int i = 0; i < values.length; i++) {
            logits.putRow(i, Nd4j.createFromArray(values[i]));
        }
        INDArray probs = Transforms.sigmoid(logits, true);
        INDArray kl = FreeBitsKl.perToken(logits, probs);
        double[] mean = new double[t];
        for (int j = 0; j < t; j++) {
            mean[j] = (kl.getDouble(j, 0) + kl.getDouble(t + j, 0)) / b;
        }
        double kappa = 0.15;
        assertTrue(mean[0] > kappa + 0.05 && mean[1] > kappa + 0.05 && mean[2] < kappa - 0.05,
                "positions 0 and 1 over budget on average, 2 under: " + java.util.Arrays.toString(mean));
        assertTrue(kl.getDouble(t + 1, 0) < kappa, "position 1 of sequence 1 is under kappa by itself");
        double expected = (mean[0] - kappa + mean[1] - kappa) / t;
        assertEquals(expected, FreeBitsKl.term(kl, kappa, KlBudget.PER_POSITION, b), 1e-12);
        INDArray grad = FreeBitsKl.gradient(logits, probs, kl, kappa, KlBudget.PER_POSITION, b);
        check("per-position free-bits term dlogits", grad, logits, () -> FreeBitsKl.term(
                FreeBitsKl.perToken(logits, Transforms.sigmoid(logits, true)), kappa, KlBudget.PER_POSITION, b));
        assertTrue(grad.getRow(t + 1).amaxNumber().doubleValue() > 0,
                "a token under kappa pays when its position's batch mean is over it");
        assertEquals(0.0, grad.getRow(2).amaxNumber().doubleValue(), 0.0, "a position under budget on average is free");

        double all = kl.meanNumber().doubleValue();
        double globalKappa = all - 0.1;
        assertEquals(all - globalKappa, FreeBitsKl.term(kl, globalKappa, KlBudget.GLOBAL, b), 1e-12);
        INDArray g = FreeBitsKl.gradient(logits, probs, kl, globalKappa, KlBudget.GLOBAL, b);
        check("global free-bits term dlogits", g, logits, () -> FreeBitsKl.term(
                FreeBitsKl.perToken(logits, Transforms.sigmoid(logits, true)), globalKappa, KlBudget.GLOBAL, b));
        assertEquals(0.0, FreeBitsKl.term(kl, all + 0.1, KlBudget.GLOBAL, b), 0.0, "under the batch's budget: free");
    }

    /** G_k(p) = prod_h (p_h if bit h of k else 1 - p_h), one row. */
    private static double g(double[] p, int k) {
        double prod = 1;
        for (int j = 0; j < p.length; j++) {
            prod *= ((k >> j) & 1) == 1 ? p[j] : 1 - p[j];
        }
        return prod;
    }

    private static double[] row(INDArray m, int i) {
        return m.getRow(i).dup().data().asDouble();
    }

    @ParameterizedTest(name = "H = {0}")
    @ValueSource(ints = {1, 3, 5})
    void multilinearGradientMatchesDenseBruteForceAndFiniteDifferences(int h) {
        int rows = 4;
        int codes = 1 << h;
        INDArray a = randn(rnd, 1.0, rows, codes);
        INDArray p = Nd4j.rand(DataType.DOUBLE, rows, h).muli(0.9).addi(0.05);
        INDArray grad = MultilinearPlain.multilinearGradient(a, p);
        assertEquals(rows, grad.size(0));
        assertEquals(h, grad.size(1));
        for (int i = 0; i < rows; i++) {
            double[] pi = row(p, i);
            double[] ai = row(a, i);
            for (int j = 0; j < h; j++) { // dF/dp_j = sum_k a_k (+-1) prod_{l != j} (p_l or 1 - p_l)
                double expected = 0;
                for (int k = 0; k < codes; k++) {
                    double prod = ((k >> j) & 1) == 1 ? 1 : -1;
                    for (int l = 0; l < h; l++) {
                        if (l != j) {
                            prod *= ((k >> l) & 1) == 1 ? pi[l] : 1 - pi[l];
                        }
                    }
                    expected += ai[k] * prod;
                }
                assertEquals(expected, grad.getDouble(i, j), 1e-12 * (1 + Math.abs(expected)),
                        "row " + i + " bit " + j);
            }
        }
        check("multilinear dF/dp, H = " + h, grad, p, () -> {
            double f = 0;
            for (int i = 0; i < rows; i++) {
                double[] pi = row(p, i);
                double[] ai = row(a, i);
                for (int k = 0; k < codes; k++) {
                    f += ai[k] * g(pi, k);
                }
            }
            return f;
        });
    }

    @Test
    void mapperBackwardIsExactAcrossSeveralChunks() {
        int h = 12;
        int codes = 1 << h;
        int d = 3;
        long rowsPerChunk = MultilinearPlain.CHUNK_ENTRIES / codes;
        int n = (int) (2 * rowsPerChunk + 5); // two full chunks and a partial one
        assertTrue(rowsPerChunk >= 1 && n <= 20_000, "shapes of this test assume CHUNK_ENTRIES ~ 2^22");
        INDArray s = randn(rnd, 1.0, n, d);
        INDArray post = randn(rnd, 1.0, codes, d);
        INDArray probs = Nd4j.rand(DataType.DOUBLE, n, h).muli(0.9).addi(0.05);
        INDArray dl = BinaryMapper.backward(s, probs, post);

        double[] sv = s.dup('c').data().asDouble();
        double[] pv = probs.dup('c').data().asDouble();
        double[] wv = post.dup('c').data().asDouble();
        double[] gk = new double[codes];
        double[] ak = new double[codes];
        double worst = 0;
        for (int i = 0; i < n; i++) {
            gk[0] = 1;
            for (int j = 0; j < h; j++) { // G over the first j+1 bits from G over the first j
                double pj = pv[i * h + j];
                int half = 1 << j;
                for (int k = 0; k < half; k++) {
                    gk[k + half] = gk[k] * pj;
                    gk[k] *= 1 - pj;
                }
            }
            for (int k = 0; k < codes; k++) {
                double dot = 0;
                for (int c = 0; c < d; c++) {
                    dot += sv[i * d + c] * wv[k * d + c];
                }
                ak[k] = dot;
            }
            for (int j = 0; j < h; j++) { // dG_k/dp_j = G_k / p_j (bit set) or -G_k / (1 - p_j)
                double pj = pv[i * h + j];
                double on = 0;
                double off = 0;
                for (int k = 0; k < codes; k++) {
                    if (((k >> j) & 1) == 1) {
                        on += ak[k] * gk[k];
                    } else {
                        off += ak[k] * gk[k];
                    }
                }
                double expected = (on / pj - off / (1 - pj)) * pj * (1 - pj);
                double err = Math.abs(expected - dl.getDouble(i, j)) / (1e-12 + Math.abs(expected));
                worst = Math.max(worst, err);
                assertEquals(expected, dl.getDouble(i, j), 1e-9 * (1 + Math.abs(expected)),
                        "row " + i + " (chunk " + i / rowsPerChunk + ") bit " + j);
            }
        }
        assertTrue(worst < 1e-6, "worst relative error " + worst);
    }
}
