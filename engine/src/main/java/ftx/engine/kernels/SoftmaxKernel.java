package ftx.engine.kernels;

import static ftx.engine.kernels.VectorMath.FLOATS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SIMD kernel ({@link Simd}) for {@link Ops#softmax} over FLOAT scores [B, nh, Tq, Tk], in place,
 * one row of keys at a time while it sits in the L1 cache, with the 1/sqrt(hd) scale and the
 * causal mask folded in; masked keys get exactly 0, as exp(-1e9) does in {@link PlainOps#softmax}.
 */
final class SoftmaxKernel {
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private SoftmaxKernel() {
    }

    /**
     * scores -> softmax(scores * scale) over the last axis, in place; causal: query row i (at
     * position offset + i) sees keys 0..offset+i and the others get 0. Whole vectors, then the
     * row's tail in scalars (JDK 17 stores a masked vector lane by lane).
     */
    static void forward(INDArray scores, double scale, boolean causal, int offset) {
        int tk = (int) scores.size(3);
        forward(Simd.memory(scores), (int) (scores.length() / tk), (int) scores.size(2), tk, (float) scale, causal, offset);
    }

    /** The loops of {@link #forward(INDArray, double, boolean, int)}, on their own (see {@link SwiGluKernel}). */
    private static void forward(Simd.Memory scores, int rows, int tq, int tk, float sc, boolean causal, int offset) {
        ByteBuffer b = scores.bytes();
        int start = scores.start();
        int lanes = FLOATS.length();
        int whole = FLOATS.loopBound(tk);
        for (int r = 0; r < rows; r++) {
            int o = start + r * tk * Float.BYTES;
            int seen = causal ? Math.min(tk, offset + r % tq + 1) : tk;
            int seenWhole = FLOATS.loopBound(seen);
            FloatVector max = FloatVector.broadcast(FLOATS, Float.NEGATIVE_INFINITY);
            for (int j = 0; j < seenWhole; j += lanes) {
                max = max.max(FloatVector.fromByteBuffer(FLOATS, b, o + j * Float.BYTES, ORDER));
            }
            float top = max.reduceLanes(VectorOperators.MAX);
            for (int j = seenWhole; j < seen; j++) {
                top = Math.max(top, b.getFloat(o + j * Float.BYTES));
            }
            top *= sc;
            FloatVector sum = FloatVector.zero(FLOATS);
            for (int j = 0; j < whole; j += lanes) {
                FloatVector e = VectorMath.exp(FloatVector.fromByteBuffer(FLOATS, b, o + j * Float.BYTES, ORDER).mul(sc).sub(top));
                if (j + lanes > seen) {
                    e = e.blend(0f, FLOATS.indexInRange(j, seen).not());
                }
                sum = sum.add(e);
                e.intoByteBuffer(b, o + j * Float.BYTES, ORDER);
            }
            float total = VectorMath.sum(sum);
            for (int j = whole; j < tk; j++) {
                float e = j < seen ? (float) Math.exp(b.getFloat(o + j * Float.BYTES) * sc - top) : 0f;
                total += e;
                b.putFloat(o + j * Float.BYTES, e);
            }
            float inv = 1f / total;
            int end = Math.min(whole, FLOATS.loopBound(seen + lanes - 1));
            for (int j = 0; j < end; j += lanes) {
                FloatVector.fromByteBuffer(FLOATS, b, o + j * Float.BYTES, ORDER).mul(inv)
                        .intoByteBuffer(b, o + j * Float.BYTES, ORDER);
            }
            for (int j = whole; j < seen; j++) {
                b.putFloat(o + j * Float.BYTES, b.getFloat(o + j * Float.BYTES) * inv);
            }
        }
    }
}
