package ftx.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A bias-free linear map {@code y = x W^T} with PyTorch's {@code W[out][in]} layout, forward beside backward. */
final class Linear {
    private Linear() {
    }

    /** x [N, in], w [out, in] -> [N, out]. */
    static INDArray forward(INDArray x, INDArray w) {
        return Nd4j.gemm(x, w, false, true);
    }

    /** Accumulates dW += dy^T x and returns dx = dy W. dy [N, out], x [N, in]. */
    static INDArray backward(INDArray dy, INDArray x, INDArray w, INDArray dw) {
        Nd4j.gemm(dy, x, dw, true, false, 1.0, 1.0); // [out, in]
        return Nd4j.gemm(dy, w, false, false); // [N, in]
    }
}
