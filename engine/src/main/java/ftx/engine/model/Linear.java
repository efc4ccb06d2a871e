package ftx.engine.model;

import ftx.engine.kernels.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A bias-free linear map {@code y = x W^T} with PyTorch's {@code W[out][in]} layout, forward beside
 * backward ({@link Ops#gemm}).
 */
public final class Linear {
    private Linear() {
    }

    /** x [N, in], w [out, in] -> [N, out]. */
    public static INDArray forward(INDArray x, INDArray w) {
        return Ops.current().gemm(x, w, false, true);
    }

    /** Accumulates dW += dy^T x and returns dx = dy W. dy [N, out], x [N, in]. */
    static INDArray backward(INDArray dy, INDArray x, INDArray w, INDArray dw) {
        Ops ops = Ops.current();
        ops.gemm(dy, x, dw, true, false, 1.0, 1.0); // [out, in]
        return ops.gemm(dy, w, false, false); // [N, in]
    }
}
