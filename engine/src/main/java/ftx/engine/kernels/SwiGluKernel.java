package ftx.engine.kernels;

import static ftx.engine.kernels.VectorMath.FLOATS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SIMD kernels ({@link Simd}) for SwiGLU's element-wise part, one pass each way. The forward keeps
 * only {@code hidden = silu(a) * up}; the backward recomputes {@code sigmoid(a)} instead of reading
 * stored {@code sigmoid(a)} and {@code silu(a)} arrays (the exponential in vectors costs less than
 * the memory traffic of two more [N, F] arrays). Whole vectors, then the tail in scalars (JDK 17
 * stores a masked vector lane by lane). Contract: {@link PlainOps#swiGlu}, {@link PlainOps#swiGluBackward}.
 */
final class SwiGluKernel {
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private SwiGluKernel() {
    }

    /** hidden = a * sigmoid(a) * up, elementwise over same-shaped a and up. */
    static INDArray forward(INDArray a, INDArray up) {
        INDArray hidden = Nd4j.createUninitialized(DataType.FLOAT, a.shape());
        forward(Simd.bytes(a), Simd.start(a), Simd.bytes(up), Simd.start(up), Simd.bytes(hidden), Simd.start(hidden),
                (int) a.length());
        return hidden;
    }

    /** The loop of {@link #forward(INDArray, INDArray)}, on its own so that C2 compiles it with its whole inlining budget. */
    private static void forward(ByteBuffer ab, int a0, ByteBuffer ub, int u0, ByteBuffer hb, int h0, int n) {
        int whole = FLOATS.loopBound(n);
        for (int i = 0; i < whole; i += FLOATS.length()) {
            int o = i * Float.BYTES;
            FloatVector x = FloatVector.fromByteBuffer(FLOATS, ab, a0 + o, ORDER);
            FloatVector u = FloatVector.fromByteBuffer(FLOATS, ub, u0 + o, ORDER);
            x.mul(VectorMath.sigmoid(x)).mul(u).intoByteBuffer(hb, h0 + o, ORDER);
        }
        for (int i = whole; i < n; i++) {
            int o = i * Float.BYTES;
            float x = ab.getFloat(a0 + o);
            hb.putFloat(h0 + o, x * sigmoid(x) * ub.getFloat(u0 + o));
        }
    }

    /**
     * From dHidden = dL/d hidden: returns dUp = dHidden * silu(a) (a new array) and overwrites
     * dHidden with dA = dHidden * up * silu'(a), where silu'(a) = s (1 + a (1 - s)), s = sigmoid(a).
     */
    static INDArray backward(INDArray dHidden, INDArray a, INDArray up) {
        INDArray dUp = Nd4j.createUninitialized(DataType.FLOAT, a.shape());
        backward(Simd.bytes(dHidden), Simd.start(dHidden), Simd.bytes(a), Simd.start(a), Simd.bytes(up), Simd.start(up),
                Simd.bytes(dUp), Simd.start(dUp), (int) a.length());
        return dUp;
    }

    /** The loop of {@link #backward(INDArray, INDArray, INDArray)} (see the forward's). */
    private static void backward(ByteBuffer db, int d0, ByteBuffer ab, int a0, ByteBuffer ub, int u0, ByteBuffer rb, int r0,
                                 int n) {
        int whole = FLOATS.loopBound(n);
        for (int i = 0; i < whole; i += FLOATS.length()) {
            int o = i * Float.BYTES;
            FloatVector g = FloatVector.fromByteBuffer(FLOATS, db, d0 + o, ORDER);
            FloatVector x = FloatVector.fromByteBuffer(FLOATS, ab, a0 + o, ORDER);
            FloatVector u = FloatVector.fromByteBuffer(FLOATS, ub, u0 + o, ORDER);
            FloatVector s = VectorMath.sigmoid(x);
            FloatVector silu = x.mul(s);
            g.mul(silu).intoByteBuffer(rb, r0 + o, ORDER);
            FloatVector dSilu = s.mul(x.sub(silu).add(1f)); // s (1 + a - a s)
            g.mul(u).mul(dSilu).intoByteBuffer(db, d0 + o, ORDER);
        }
        for (int i = whole; i < n; i++) {
            int o = i * Float.BYTES;
            float g = db.getFloat(d0 + o);
            float x = ab.getFloat(a0 + o);
            float s = sigmoid(x);
            float silu = x * s;
            rb.putFloat(r0 + o, g * silu);
            db.putFloat(d0 + o, g * ub.getFloat(u0 + o) * s * (x - silu + 1f));
        }
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
