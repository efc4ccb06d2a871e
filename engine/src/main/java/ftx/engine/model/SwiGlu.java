package ftx.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The SwiGLU MLP {@code W2(silu(W1 x) * W3 x)} (SPEC section 2), forward beside backward. */
final class SwiGlu {
    private SwiGlu() {
    }

    record Cache(INDArray x, INDArray a, INDArray sigA, INDArray gate, INDArray up, INDArray hidden) {
    }

    record Output(INDArray y, Cache cache) {
    }

    /** x [N, D] -> [N, D]. */
    static Output forward(INDArray x, BlockWeights w) {
        INDArray a = Linear.forward(x, w.w1()); // [N, F]
        INDArray up = Linear.forward(x, w.w3()); // [N, F]
        INDArray sigA = Transforms.sigmoid(a, true);
        INDArray gate = a.mul(sigA); // silu(a)
        INDArray hidden = gate.mul(up);
        return new Output(Linear.forward(hidden, w.w2()), new Cache(x, a, sigA, gate, up, hidden));
    }

    static INDArray backward(INDArray dy, Cache c, BlockWeights w, BlockWeights g) {
        INDArray dHidden = Linear.backward(dy, c.hidden(), w.w2(), g.w2()); // [N, F]
        INDArray dUp = dHidden.mul(c.gate());
        // silu'(a) = sig(a) * (1 + a * (1 - sig(a)))
        INDArray dSilu = c.sigA().rsub(1.0).muli(c.a()).addi(1.0).muli(c.sigA());
        INDArray dA = dHidden.muli(c.up()).muli(dSilu);
        INDArray dx = Linear.backward(dA, c.x(), w.w1(), g.w1());
        return dx.addi(Linear.backward(dUp, c.x(), w.w3(), g.w3()));
    }
}
