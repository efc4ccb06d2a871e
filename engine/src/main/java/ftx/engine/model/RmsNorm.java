package ftx.engine.model;

import ftx.engine.util.Simd;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * RMSNorm {@code y = x / sqrt(mean(x^2) + eps) * w}, row-wise over D (SPEC section 2), forward
 * beside backward. Both have fused SIMD kernels ({@link RmsNormKernel}) used when {@link Simd}
 * applies to float arrays, and the plain ND4J versions as portable fallback and oracle.
 */
final class RmsNorm {
    private RmsNorm() {
    }

    /** What the backward needs: the normalised input and the per-row inverse RMS. */
    record Cache(INDArray xhat, INDArray invRms) {
    }

    record Output(INDArray y, Cache cache) {
    }

    /** x [N, D], w [D] -> y [N, D]. */
    static Output forward(INDArray x, INDArray w, double eps) {
        return Simd.applies(x, w) ? RmsNormKernel.forward(x, w, eps) : forwardPlain(x, w, eps);
    }

    static Output forwardPlain(INDArray x, INDArray w, double eps) {
        INDArray invRms = Transforms.pow(x.mul(x).mean(true, 1).addi(eps), -0.5, false); // [N, 1]
        INDArray xhat = x.mulColumnVector(invRms); // [N, D]
        return new Output(xhat.mulRowVector(w), new Cache(xhat, invRms));
    }

    /** Accumulates dw += sum_rows(dy * xhat) and returns dx. */
    static INDArray backward(INDArray dy, Cache c, INDArray w, INDArray dw) {
        return Simd.applies(dy, c.xhat(), c.invRms(), w, dw) ? RmsNormKernel.backward(dy, c, w, dw)
                : backwardPlain(dy, c, w, dw);
    }

    static INDArray backwardPlain(INDArray dy, Cache c, INDArray w, INDArray dw) {
        dw.addi(dy.mul(c.xhat()).sum(0));
        INDArray g = dy.mulRowVector(w); // [N, D]
        INDArray dot = g.mul(c.xhat()).mean(true, 1); // [N, 1]
        return g.subi(c.xhat().mulColumnVector(dot)).muliColumnVector(c.invRms());
    }
}
