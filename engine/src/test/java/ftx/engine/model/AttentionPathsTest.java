package ftx.engine.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ftx.engine.kernels.Ops;
import ftx.engine.kernels.OpsChoice;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A block's attention, forward and backward, on the CPU kernels and on the plain operations, each
 * against the same attention in double (the oracle: the softmax backward cancels in float): the
 * kernels' error may be at most three times the plain float path's.
 */
class AttentionPathsTest {
    private final Random rnd = new Random(17);

    private INDArray randn(DataType t, long... shape) {
        double[] v = new double[(int) java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return Nd4j.createFromArray(v).reshape(shape).castTo(t);
    }

    @Test
    void theKernelPathIsAsCloseToTheDoubleOracleAsThePlainPath() {
        assumeTrue(OpsChoice.cpuBackend(), "the CPU kernels run on the CPU backend only; skipped on "
                + Nd4j.getBackend().getClass().getSimpleName());
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
                INDArray[] fast = on(true, () -> attentionPass(c, w, xq, kvInput, dy, t, causal, b, steps));
                INDArray[] plain = on(false, () -> attentionPass(c, w, xq, kvInput, dy, t, causal, b, steps));
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

    /** Runs pass on the CPU kernels (true) or the plain operations, then restores the choice. */
    private static INDArray[] on(boolean cpuKernels, java.util.function.Supplier<INDArray[]> pass) {
        Ops before = OpsChoice.use(cpuKernels);
        try {
            return pass.get();
        } finally {
            OpsChoice.restore(before);
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

}
