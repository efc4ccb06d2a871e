package ftx.engine.model;

import ftx.engine.util.Simd;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The SwiGLU MLP {@code W2(silu(W1 x) * W3 x)} (SPEC section 2), forward beside backward. The
 * element-wise part runs in {@link SwiGluKernel} when {@link Simd} applies, else in plain ND4J ops
 * (the oracle), which also keep {@code sigmoid(a)} and {@code silu(a)} for the backward.
 */
final class SwiGlu {
    private SwiGlu() {
    }

    /** sigA and gate (sigmoid(a), silu(a)) are null when the SIMD kernel ran: its backward recomputes them. */
    record Cache(INDArray x, INDArray a, INDArray up, INDArray hidden, INDArray sigA, INDArray gate) {
    }

    record Output(INDArray y, Cache cache) {
    }

    /** x [N, D] -> [N, D]. */
    static Output forward(INDArray x, BlockWeights w) {
        INDArray a = Linear.forward(x, w.w1()); // [N, F]
        INDArray up = Linear.forward(x, w.w3()); // [N, F]
        if (Simd.applies(a, up)) {
            INDArray hidden = SwiGluKernel.forward(a, up);
            return new Output(Linear.forward(hidden, w.w2()), new Cache(x, a, up, hidden, null, null));
        }
        INDArray sigA = Transforms.sigmoid(a, true);
        INDArray gate = a.mul(sigA); // silu(a)
        INDArray hidden = gate.mul(up);
        return new Output(Linear.forward(hidden, w.w2()), new Cache(x, a, up, hidden, sigA, gate));
    }

    static INDArray backward(INDArray dy, Cache c, BlockWeights w, BlockWeights g) {
        INDArray dHidden = Linear.backward(dy, c.hidden(), w.w2(), g.w2()); // [N, F]
        INDArray dA;
        INDArray dUp;
        if (c.sigA() == null) {
            if (!Simd.applies(dHidden)) {
                dHidden = dHidden.dup('c'); // the kernel reads rows in place
            }
            dUp = SwiGluKernel.backward(dHidden, c.a(), c.up());
            dA = dHidden;
        } else {
            dUp = dHidden.mul(c.gate());
            // silu'(a) = sig(a) * (1 + a * (1 - sig(a)))
            INDArray dSilu = c.sigA().rsub(1.0).muli(c.a()).addi(1.0).muli(c.sigA());
            dA = dHidden.muli(c.up()).muli(dSilu);
        }
        INDArray dx = Linear.backward(dA, c.x(), w.w1(), g.w1());
        return dx.addi(Linear.backward(dUp, c.x(), w.w3(), g.w3()));
    }
}
