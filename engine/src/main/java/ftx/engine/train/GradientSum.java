package ftx.engine.train;

import ftx.engine.model.Parameters;
import ftx.engine.util.FastPath;
import ftx.engine.util.FloatDot;
import ftx.engine.util.HelperThread;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Combines the two shards' gradients into the batch's, {@code g = w0 g + w1 g1}, and returns
 * the sum of squares of the result (for the global norm) from the same pass; half the elements
 * on each training thread. In float on the host when {@link FastPath} applies, else ND4J ops.
 */
final class GradientSum {
    private static final int BLOCK = 1 << 15;

    private GradientSum() {
    }

    /** grads = w0 grads + w1 other (other is left scaled); returns sum of squares of the new grads. */
    static double combine(Parameters grads, Parameters other, double w0, double w1) {
        List<List<TensorHalves.Piece>> halves = TensorHalves.of(grads);
        HelperThread.Pair<Double, Double> s = TrainingThreads.both(() -> combine(halves.get(0), grads, other, w0, w1),
                () -> combine(halves.get(1), grads, other, w0, w1));
        return s.first() + s.second();
    }

    private static double combine(List<TensorHalves.Piece> pieces, Parameters grads, Parameters other, double w0,
                                  double w1) {
        double sum = 0;
        for (TensorHalves.Piece piece : pieces) {
            INDArray g = grads.get(piece.name());
            INDArray h = other.get(piece.name());
            if (FastPath.appliesInFloat(g, h)) {
                sum += combineHost(g, h, piece.from(), piece.length(), (float) w0, (float) w1);
            } else {
                INDArray view = piece.of(grads).muli(w0).addi(piece.of(other).muli(w1));
                double n = view.norm2Number().doubleValue();
                sum += n * n;
            }
        }
        return sum;
    }

    private static double combineHost(INDArray g, INDArray h, long from, long length, float w0, float w1) {
        double sum = 0;
        for (long at = from; at < from + length; at += BLOCK) {
            int n = (int) Math.min(BLOCK, from + length - at);
            float[] a = FastPath.readFloats(g, at, n, 0);
            float[] b = FastPath.readFloats(h, at, n, 1);
            for (int i = 0; i < n; i++) {
                a[i] = w0 * a[i] + w1 * b[i];
            }
            sum += FloatDot.of(a, a, n);
            FastPath.writeFloats(a, g, at, n);
        }
        return sum;
    }
}
