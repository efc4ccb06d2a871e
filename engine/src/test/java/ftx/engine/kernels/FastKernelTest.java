package ftx.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.util.FastPath;
import ftx.engine.util.Simd;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Every host ("fast path") kernel against its plain ND4J version, the oracle, on random inputs in
 * float and in double: same values up to rounding, same accumulation into gradients.
 */
class FastKernelTest {
    private final Random rnd = new Random(17);

    /** Relative tolerance per type: the host kernels round differently from the plain ones (float or double). */
    private static double tol(DataType t) {
        return t == DataType.FLOAT ? 2e-5 : 1e-11;
    }

    private INDArray randn(DataType t, long... shape) {
        double[] v = new double[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return Nd4j.createFromArray(v).reshape(shape).castTo(t);
    }

    static void assertClose(String what, INDArray expected, INDArray actual, double rtol) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what + " shape");
        double[] e = expected.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double[] a = actual.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double scale = 0;
        for (double x : e) {
            scale = Math.max(scale, Math.abs(x));
        }
        for (int i = 0; i < e.length; i++) {
            if (Math.abs(e[i] - a[i]) > rtol * (Math.abs(e[i]) + scale * 1e-3 + 1e-30)) {
                throw new AssertionError(what + " differs at " + i + ": plain " + e[i] + ", fast " + a[i]);
            }
        }
    }

    @Test
    void rmsNormForwardAndBackwardMatchThePlainVersions() {
        DataType t = DataType.FLOAT;
        INDArray x = randn(t, 37, 18).muli(3);
        INDArray w = randn(t, 18);
        INDArray dy = randn(t, 37, 18);
        assertTrue(Simd.applies(x, w, dy));
        RmsNorm.Output plain = RmsNorm.forwardPlain(x, w, 1e-5);
        RmsNorm.Output fast = RmsNormKernel.forward(x, w, 1e-5);
        assertClose("y", plain.y(), fast.y(), tol(t));
        assertClose("xhat", plain.cache().xhat(), fast.cache().xhat(), tol(t));
        assertClose("1 / rms", plain.cache().invRms(), fast.cache().invRms(), tol(t));
        INDArray dwPlain = randn(t, 18);
        INDArray dwFast = dwPlain.dup();
        INDArray dxPlain = RmsNorm.backwardPlain(dy, plain.cache(), w, dwPlain);
        INDArray dxFast = RmsNormKernel.backward(dy, plain.cache(), w, dwFast);
        assertClose("dx", dxPlain, dxFast, tol(t));
        assertClose("dw accumulated", dwPlain, dwFast, tol(t));
    }

    @Test
    void attentionSoftmaxBackwardMatchesThePlainVersion() {
        DataType t = DataType.FLOAT;
        double scale = 1 / Math.sqrt(8);
        INDArray probs = org.nd4j.linalg.ops.transforms.Transforms.softmax(randn(t, 2 * 3 * 5, 7).muli(3), true)
                .reshape(2, 3, 5, 7);
        INDArray dP = randn(t, 2, 3, 5, 7);
        INDArray fast = dP.dup();
        SoftmaxKernel.backward(fast, probs, scale);
        // the oracle in double: dP - rowsum cancels, and the float ops round more than the host's double sums
        INDArray exact = Attention.softmaxBackwardPlain(dP.castTo(DataType.DOUBLE), probs.castTo(DataType.DOUBLE), scale);
        assertClose("softmax backward", exact, fast, 1e-4);
    }

    @Test
    void attentionSoftmaxForwardMatchesThePlainVersionWithAndWithoutTheCausalMask() {
        DataType t = DataType.FLOAT;
        double scale = 1 / Math.sqrt(8);
        for (int tk : new int[] {7, 16, 33}) {
            for (int offset : new int[] {0, 4}) {
                int tq = offset == 0 ? tk : 3; // a training pass, or 3 new positions after `offset` cached ones
                if (offset + tq > tk) {
                    continue;
                }
                for (boolean causal : new boolean[] {false, true}) {
                    INDArray scores = randn(t, 2, 3, tq, tk).muli(4);
                    INDArray fast = scores.dup();
                    SoftmaxKernel.forward(fast, scale, causal, offset);
                    INDArray plain = Attention.probabilitiesPlain(scores.dup(), scale, causal, offset);
                    assertClose("softmax Tk=" + tk + " offset " + offset + " causal " + causal, plain, fast, tol(t));
                    if (causal) {
                        assertEquals(0.0, fast.getDouble(0, 0, 0, offset + 1), 0.0, "a masked key gets exactly 0");
                    }
                }
            }
        }
    }

    @Test
    void swiGluForwardAndBackwardMatchThePlainVersions() {
        DataType t = DataType.FLOAT;
        int d = 12;
        int f = 21; // not a multiple of the vector width
        BlockWeights w = randomBlock(t, d, f);
        BlockWeights gPlain = zeroBlock(t, d, f);
        BlockWeights gFast = zeroBlock(t, d, f);
        INDArray x = randn(t, 9, d);
        INDArray dy = randn(t, 9, d);
        Simd.setEnabled(false);
        SwiGlu.Output plain;
        INDArray dxPlain;
        try {
            plain = SwiGlu.forward(x, w);
            dxPlain = SwiGlu.backward(dy, plain.cache(), w, gPlain);
        } finally {
            Simd.setEnabled(true);
        }
        assertTrue(plain.cache().sigA() != null, "the plain forward keeps sigmoid(a)");
        SwiGlu.Output fast = SwiGlu.forward(x, w);
        assertTrue(fast.cache().sigA() == null, "the SIMD forward ran");
        assertClose("y", plain.y(), fast.y(), tol(t));
        assertClose("dx", dxPlain, SwiGlu.backward(dy, fast.cache(), w, gFast), tol(t));
        assertClose("dW1", gPlain.w1(), gFast.w1(), tol(t));
        assertClose("dW2", gPlain.w2(), gFast.w2(), tol(t));
        assertClose("dW3", gPlain.w3(), gFast.w3(), tol(t));
    }

    @Test
    void simdKernelsRunInTheTestsAndReadArraysWithAnOffsetInPlace() {
        assertTrue(Simd.moduleLoaded(), "the tests run with --add-modules jdk.incubator.vector, as the launchers do");
        INDArray whole = randn(DataType.FLOAT, 6, 16);
        INDArray rows = whole.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        assertTrue(Simd.applies(rows) && rows.offset() > 0);
        INDArray w = randn(DataType.FLOAT, 16);
        assertClose("rms norm of a view", RmsNorm.forwardPlain(rows.dup(), w, 1e-5).y(),
                RmsNormKernel.forward(rows, w, 1e-5).y(), tol(DataType.FLOAT));
    }

    @Test
    void fusedAttentionForwardAndBackwardMatchThePlainVersions() {
        DataType t = DataType.FLOAT;
        DataType exact = DataType.DOUBLE; // the oracle: the plain path in double (dP - rowsum cancels in float)
        int[][] shapes = {{16, 2, 7}, {40, 2, 17}, {64, 2, 33}, {32, 4, 1}, {32, 4, 5}}; // D, heads, T: head widths 8, 20, 32
        for (int[] shape : shapes) {
            int d = shape[0];
            int nh = shape[1];
            int steps = shape[2];
            FreeTransformerConfig c = new FreeTransformerConfig(7, d, 2, nh, 12, 3, 10000.0, 1e-5);
            BlockWeights w = randomBlock(t, d, 12);
            int b = 3;
            INDArray xq = randn(t, b * steps, d);
            INDArray xkv = randn(t, b * steps, d);
            INDArray dy = randn(t, b * steps, d);
            for (int variant = 0; variant < 3; variant++) {
                boolean causal = variant < 2;
                INDArray kvInput = variant == 0 ? null : xkv; // null: one input, as an ordinary block
                String what = "D=" + d + " T=" + steps + (causal ? " causal" : " full")
                        + (kvInput == null ? ", one input" : ", own key/value input") + ": ";
                INDArray[] oracle = attentionPass(c, castBlock(w, exact), xq, kvInput, dy, exact, causal, b, steps);
                INDArray[] fast = attentionPass(c, w, xq, kvInput, dy, t, causal, b, steps);
                Simd.setEnabled(false);
                INDArray[] plain;
                try {
                    plain = attentionPass(c, w, xq, kvInput, dy, t, causal, b, steps);
                } finally {
                    Simd.setEnabled(true);
                }
                String[] names = {"y", "probabilities", "dx", "dWq", "dWk", "dWv", "dWo"};
                for (int i = 0; i < names.length; i++) {
                    double fastError = relativeError(oracle[i], fast[i]);
                    double plainError = relativeError(oracle[i], plain[i]);
                    assertTrue(fastError <= 3 * plainError + 1e-6, what + names[i] + ": error " + fastError
                            + " against the double oracle, the plain float path's " + plainError);
                }
            }
        }
    }

    /** {y, probs, dx, dWq, dWk, dWv, dWo} of one attention forward and backward in type t (dx: both inputs' gradients). */
    private static INDArray[] attentionPass(FreeTransformerConfig c, BlockWeights w, INDArray xq, INDArray xkv, INDArray dy,
                                            DataType t, boolean causal, int b, int steps) {
        int d = c.dModel();
        Rope rope = new Rope(c, 40, t);
        BlockWeights g = zeroBlock(t, d, 12);
        INDArray q = xq.castTo(t).dup();
        INDArray kv = xkv == null ? q : xkv.castTo(t).dup();
        Attention.Output out = Attention.forward(q, kv, castBlock(w, t), rope, c.nHeads(), b, steps, steps, causal);
        INDArray[] dx = Attention.backward(dy.castTo(t), out.cache(), castBlock(w, t), g, rope, c.nHeads());
        INDArray both = dx[1] == null ? Nd4j.concat(0, dx[0], Nd4j.zerosLike(dx[0])) // one input: dxq holds both
                : xkv == null ? Nd4j.concat(0, dx[0].add(dx[1]), Nd4j.zerosLike(dx[0])) : Nd4j.concat(0, dx[0], dx[1]);
        return new INDArray[] {out.y(), out.cache().probs(), both, g.wq(), g.wk(), g.wv(), g.wo()};
    }

    /** max |actual - expected| / max |expected| (the absolute error when expected is all 0: one key, P = 1, dS = 0). */
    private static double relativeError(INDArray expected, INDArray actual) {
        INDArray e = expected.castTo(DataType.DOUBLE);
        double scale = e.amaxNumber().doubleValue();
        return actual.castTo(DataType.DOUBLE).sub(e).amaxNumber().doubleValue() / (scale > 0 ? scale : 1);
    }

    private static BlockWeights castBlock(BlockWeights w, DataType t) {
        return new BlockWeights(w.attnNorm().castTo(t), w.wq().castTo(t), w.wk().castTo(t), w.wv().castTo(t),
                w.wo().castTo(t), w.mlpNorm().castTo(t), w.w1().castTo(t), w.w3().castTo(t), w.w2().castTo(t));
    }

    private BlockWeights randomBlock(DataType t, int d, int f) {
        return new BlockWeights(randn(t, d), randn(t, d, d), randn(t, d, d), randn(t, d, d), randn(t, d, d), randn(t, d),
                randn(t, f, d).muli(0.5), randn(t, f, d).muli(0.5), randn(t, d, f).muli(0.5)); // w1, w3, w2
    }

    private static BlockWeights zeroBlock(DataType t, int d, int f) {
        return new BlockWeights(Nd4j.zeros(t, d), Nd4j.zeros(t, d, d), Nd4j.zeros(t, d, d), Nd4j.zeros(t, d, d),
                Nd4j.zeros(t, d, d), Nd4j.zeros(t, d), Nd4j.zeros(t, f, d), Nd4j.zeros(t, f, d), Nd4j.zeros(t, d, f));
    }

    @Test
    void doubleArraysTakeThePlainRmsNorm() {
        INDArray x = randn(DataType.DOUBLE, 5, 8);
        INDArray w = randn(DataType.DOUBLE, 8);
        assertTrue(!FastPath.appliesInFloat(x, w), "the float kernels must not read double buffers");
        assertClose("y", RmsNorm.forwardPlain(x, w, 1e-5).y(), RmsNorm.forward(x, w, 1e-5).y(), 0);
    }

    @Test
    void ropeRotationAndItsInverseMatchThePlainVersion() {
        DataType t = DataType.FLOAT;
        FreeTransformerConfig c = new FreeTransformerConfig(7, 16, 2, 2, 12, 3, 10000.0, 1e-5);
        Rope rope = new Rope(c, 40, t);
        INDArray x = randn(t, 3 * 5, 16);
        for (int offset : new int[] {0, 7, 35}) {
            for (boolean inverse : new boolean[] {false, true}) {
                assertClose("rope offset " + offset + " inverse " + inverse, rope.applyPlain(x, 3, 5, offset, inverse),
                        rope.applyHost(x, 3, 5, offset, inverse), tol(t));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void scatterAddAccumulatesRepeatedRowsLikeThePlainVersion(DataType t) {
        int[] index = {3, 0, 3, 7, 3, 1, 0};
        INDArray dy = randn(t, index.length, 37); // whole vectors and a tail
        INDArray plain = randn(t, 8, 37);
        INDArray host = plain.dup();
        INDArray simd = plain.dup();
        RowLookup.backwardPlain(dy, index, plain);
        RowLookup.backwardHost(dy, index, host);
        assertClose("dTable", plain, host, tol(t));
        if (t == DataType.FLOAT) {
            RowLookupKernel.backward(dy, index, simd);
            assertClose("dTable in vectors", plain, simd, tol(t));
        }
    }

    @Test
    void mapperGradientMatchesThePlainContraction() {
        DataType t = DataType.FLOAT;
        for (int h : new int[] {1, 3, 6, 9, 10, 12, 16}) { // one block up to H = 9 (16-float vectors), then 2 to 128
            int n = h == 16 ? 3 : 21;
            INDArray s = randn(t, n, 8);
            INDArray post = randn(t, 1L << h, 8);
            INDArray probs = Nd4j.rand(t, n, h).muli(0.98).addi(0.01);
            INDArray plain = BinaryMapper.backwardPlain(s, probs, post);
            assertClose("mapper H=" + h, plain, BinaryMapper.backwardHost(s, probs, post), tol(t) * 10);
            assertClose("mapper H=" + h + " in chunks of 5 tokens", plain,
                    BinaryMapper.backwardHost(s, probs, post, 5L << Math.min(h, MapperBlockKernel.BITS)), tol(t) * 10);
        }
    }

    @Test
    void mapperTablesHoldTheDistributionAndItsDerivatives() {
        double[] p = {0.2, 0.7, 0.9};
        float[] out = new float[4 * 8];
        MapperBlocks.table(p, 0, 3, out, 0);
        for (int k = 0; k < 8; k++) {
            double g = 1;
            for (int i = 0; i < 3; i++) {
                g *= ((k >> i) & 1) == 1 ? p[i] : 1 - p[i];
            }
            assertEquals(g, out[k], 1e-7, "G(" + k + ")");
            for (int j = 0; j < 3; j++) { // G is linear in p_j: dG/dp_j = G(p_j = 1) - G(p_j = 0)
                double[] up = p.clone();
                double[] down = p.clone();
                up[j] = 1;
                down[j] = 0;
                assertEquals(product(up, k) - product(down, k), out[(1 + j) * 8 + k], 1e-7, "dG(" + k + ")/dp_" + j);
            }
        }
    }

    private static double product(double[] p, int k) {
        double g = 1;
        for (int i = 0; i < p.length; i++) {
            g *= ((k >> i) & 1) == 1 ? p[i] : 1 - p[i];
        }
        return g;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void viewsWithStridesTakeThePlainPath(DataType t) {
        INDArray x = randn(t, 6, 4);
        INDArray rows = x.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all()); // a dense block with an offset
        assertTrue(FastPath.applies(rows));
        assertClose("rows read at their offset", rows, FastPath.create(FastPath.read(rows, 0), t, 3, 4), 0);
        assertFalse(FastPath.applies(x.transpose()));
        assertFalse(FastPath.applies(x.getColumn(1)));
        assertFalse(FastPath.applies(x, x.castTo(t == DataType.FLOAT ? DataType.DOUBLE : DataType.FLOAT)));
    }
}
