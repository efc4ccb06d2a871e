package ftx.engine.model;

import ftx.engine.util.Blas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A bias-free linear map {@code y = x W^T} with PyTorch's {@code W[out][in]} layout, forward beside
 * backward; the products go through {@link Blas}.
 */
final class Linear {
    private Linear() {
    }

    /** x [N, in], w [out, in] -> [N, out]. */
    static INDArray forward(INDArray x, INDArray w) {
        return Blas.gemm(x, w, false, true);
    }

    /** Accumulates dW += dy^T x and returns dx = dy W. dy [N, out], x [N, in]. */
    static INDArray backward(INDArray dy, INDArray x, INDArray w, INDArray dw) {
        Blas.gemm(dy, x, dw, true, false, 1.0, 1.0); // [out, in]
        return Blas.gemm(dy, w, false, false); // [N, in]
    }
}
