package ftx.engine.model;

import ftx.engine.kernels.Ops;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The SwiGLU MLP {@code W2(silu(W1 x) * W3 x)} (SPEC section 2), forward beside backward; the
 * element-wise gate is {@link Ops#swiGlu}.
 */
final class SwiGlu {
    private SwiGlu() {
    }

    record Cache(INDArray x, INDArray a, INDArray up, INDArray hidden) {
    }

    record Output(INDArray y, Cache cache) {
    }

    /** x [N, D] -> [N, D]. */
    static Output forward(INDArray x, BlockWeights w) {
        INDArray a = Linear.forward(x, w.w1()); // [N, F]
        INDArray up = Linear.forward(x, w.w3()); // [N, F]
        INDArray hidden = Ops.current().swiGlu(a, up); // silu(a) * up
        return new Output(Linear.forward(hidden, w.w2()), new Cache(x, a, up, hidden));
    }

    static INDArray backward(INDArray dy, Cache c, BlockWeights w, BlockWeights g) {
        INDArray dHidden = Linear.backward(dy, c.hidden(), w.w2(), g.w2()); // [N, F]
        INDArray[] d = Ops.current().swiGluBackward(dHidden, c.a(), c.up()); // {dA, dUp}
        INDArray dx = Linear.backward(d[0], c.x(), w.w1(), g.w1());
        return dx.addi(Linear.backward(d[1], c.x(), w.w3(), g.w3()));
    }
}
