package ftx.engine.train;

import ftx.engine.model.Parameters;
import ftx.engine.kernels.Ops;
import ftx.engine.util.HelperThread;
import java.util.List;

/**
 * Combines the two shards' gradients into the batch's, {@code g = w0 g + w1 g1}, and returns
 * the sum of squares of the result (for the global norm) from the same pass; half the elements
 * on each training thread ({@link Ops#combine}).
 */
final class GradientSum {
    private GradientSum() {
    }

    /** grads = w0 grads + w1 other (other is left scaled); returns sum of squares of the new grads. */
    static double combine(TrainingThreads threads, Parameters grads, Parameters other, double w0, double w1) {
        List<List<TensorHalves.Piece>> halves = TensorHalves.of(grads);
        HelperThread.Pair<Double, Double> s = threads.both(() -> combine(halves.get(0), grads, other, w0, w1),
                () -> combine(halves.get(1), grads, other, w0, w1));
        return s.first() + s.second();
    }

    private static double combine(List<TensorHalves.Piece> pieces, Parameters grads, Parameters other, double w0,
                                  double w1) {
        Ops ops = Ops.current();
        double sum = 0;
        for (TensorHalves.Piece piece : pieces) {
            sum += ops.combine(grads.get(piece.name()), other.get(piece.name()), piece.from(), piece.length(), w0, w1);
        }
        return sum;
    }
}
