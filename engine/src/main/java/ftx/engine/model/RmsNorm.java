package ftx.engine.model;

import ftx.engine.kernels.Ops;
import ftx.engine.kernels.Ops.Normed;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * RMSNorm {@code y = x / sqrt(mean(x^2) + eps) * w}, row-wise over D (SPEC section 2), forward
 * beside backward ({@link Ops#rmsNorm}).
 */
public final class RmsNorm {
    private RmsNorm() {
    }

    /** x [N, D], w [D] -> y [N, D] with what the backward needs (xhat, 1 / RMS). */
    public static Normed forward(INDArray x, INDArray w, double eps) {
        return Ops.current().rmsNorm(x, w, eps);
    }

    /** Accumulates dw += sum_rows(dy * xhat) and returns dx. */
    static INDArray backward(INDArray dy, Normed forward, INDArray w, INDArray dw) {
        return Ops.current().rmsNormBackward(dy, forward, w, dw);
    }
}
