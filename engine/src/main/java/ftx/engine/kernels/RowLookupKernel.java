package ftx.engine.kernels;

import static ftx.engine.kernels.VectorMath.FLOATS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SIMD kernel ({@link Simd}) for {@link Ops#scatterAddRows} on FLOAT arrays: {@code dTable[index[n]]
 * += dy[n]} row by row in vectors, in place, touching only the looked-up rows (2^16 of them at
 * H = 16). Contract: {@link PlainOps#scatterAddRows}.
 */
final class RowLookupKernel {
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private RowLookupKernel() {
    }

    static void backward(INDArray dy, int[] index, INDArray dTable) {
        backward(Simd.bytes(dy), Simd.start(dy), index, Simd.bytes(dTable), Simd.start(dTable), (int) dy.size(1));
    }

    /** The loop, on its own so that C2 compiles it with its whole inlining budget (see {@link SwiGluKernel}). */
    private static void backward(ByteBuffer g, int g0, int[] index, ByteBuffer t, int t0, int d) {
        int whole = FLOATS.loopBound(d);
        for (int n = 0; n < index.length; n++) {
            int src = g0 + n * d * Float.BYTES;
            int dst = t0 + index[n] * d * Float.BYTES;
            for (int k = 0; k < whole; k += FLOATS.length()) {
                int o = k * Float.BYTES;
                FloatVector.fromByteBuffer(FLOATS, t, dst + o, ORDER)
                        .add(FloatVector.fromByteBuffer(FLOATS, g, src + o, ORDER)).intoByteBuffer(t, dst + o, ORDER);
            }
            for (int k = whole; k < d; k++) {
                int o = k * Float.BYTES;
                t.putFloat(dst + o, t.getFloat(dst + o) + g.getFloat(src + o));
            }
        }
    }
}
