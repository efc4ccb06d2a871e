package ftx.engine.kernels;

import static ftx.engine.kernels.VectorMath.FLOATS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SIMD kernels ({@link Simd}) for {@link Ops#rmsNorm} and its backward on FLOAT arrays: one pass per
 * row, reading and writing ND4J's memory in place, instead of the six ND4J ops of the plain
 * forward and the seven of the plain backward. Same results as the plain versions up to
 * rounding (row sums in float vectors).
 */
final class RmsNormKernel {
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private RmsNormKernel() {
    }

    /** y = xhat * w with xhat = x * invRms, invRms = 1 / sqrt(mean(x^2) + eps), per row of x [N, D]. */
    static Ops.Normed forward(INDArray x, INDArray w, double eps) {
        int n = (int) x.size(0);
        int d = (int) x.size(1);
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, n, d);
        INDArray xhat = Nd4j.createUninitialized(DataType.FLOAT, n, d);
        INDArray invRms = Nd4j.createUninitialized(DataType.FLOAT, n, 1);
        forward(Simd.memory(x), Simd.memory(w), Simd.memory(y), Simd.memory(xhat), Simd.memory(invRms), n, d, eps);
        return new Ops.Normed(y, xhat, invRms);
    }

    /** The loops of {@link #forward(INDArray, INDArray, double)}, on their own (see {@link SwiGluKernel}). */
    private static void forward(Simd.Memory x, Simd.Memory w, Simd.Memory y, Simd.Memory xhat, Simd.Memory inv, int n,
                                int d, double eps) {
        ByteBuffer xb = x.bytes();
        ByteBuffer wb = w.bytes();
        ByteBuffer yb = y.bytes();
        ByteBuffer hb = xhat.bytes();
        ByteBuffer ib = inv.bytes();
        int x0 = x.start();
        int w0 = w.start();
        int y0 = y.start();
        int h0 = xhat.start();
        int i0 = inv.start();
        int lanes = FLOATS.length();
        int whole = FLOATS.loopBound(d); // whole vectors, then the tail in scalars (see SoftmaxKernel)
        for (int r = 0; r < n; r++) {
            int row = r * d * Float.BYTES;
            FloatVector sq = FloatVector.zero(FLOATS);
            for (int k = 0; k < whole; k += lanes) {
                FloatVector v = FloatVector.fromByteBuffer(FLOATS, xb, x0 + row + k * Float.BYTES, ORDER);
                sq = v.fma(v, sq);
            }
            float sum = VectorMath.sum(sq);
            for (int k = whole; k < d; k++) {
                float v = xb.getFloat(x0 + row + k * Float.BYTES);
                sum += v * v;
            }
            float s = (float) (1.0 / Math.sqrt(sum / d + eps));
            ib.putFloat(i0 + r * Float.BYTES, s);
            for (int k = 0; k < whole; k += lanes) {
                int at = row + k * Float.BYTES;
                FloatVector h = FloatVector.fromByteBuffer(FLOATS, xb, x0 + at, ORDER).mul(s);
                h.intoByteBuffer(hb, h0 + at, ORDER);
                h.mul(FloatVector.fromByteBuffer(FLOATS, wb, w0 + k * Float.BYTES, ORDER)).intoByteBuffer(yb, y0 + at, ORDER);
            }
            for (int k = whole; k < d; k++) {
                int at = row + k * Float.BYTES;
                float h = xb.getFloat(x0 + at) * s;
                hb.putFloat(h0 + at, h);
                yb.putFloat(y0 + at, h * wb.getFloat(w0 + k * Float.BYTES));
            }
        }
    }

    /** dw += sum_rows(dy * xhat); returns dx = (dy*w - xhat * mean(dy*w*xhat)) * invRms (a new array). */
    static INDArray backward(INDArray dy, Ops.Normed c, INDArray w, INDArray dw) {
        int n = (int) dy.size(0);
        int d = (int) dy.size(1);
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, n, d);
        float[] dws = new float[d];
        backward(Simd.memory(dy), Simd.memory(c.xhat()), Simd.memory(c.invRms()), Simd.memory(w), Simd.memory(dx), dws, n, d);
        dw.addi(Nd4j.createFromArray(dws).reshape(dw.shape()));
        return dx;
    }

    /** The loops of {@link #backward(INDArray, Ops.Normed, INDArray, INDArray)}; the sums of dy * xhat into dws. */
    private static void backward(Simd.Memory dy, Simd.Memory xhat, Simd.Memory inv, Simd.Memory w, Simd.Memory dx,
                                 float[] dws, int n, int d) {
        ByteBuffer gb = dy.bytes();
        ByteBuffer hb = xhat.bytes();
        ByteBuffer ib = inv.bytes();
        ByteBuffer wb = w.bytes();
        ByteBuffer xb = dx.bytes();
        int g0 = dy.start();
        int h0 = xhat.start();
        int i0 = inv.start();
        int w0 = w.start();
        int x0 = dx.start();
        int lanes = FLOATS.length();
        int whole = FLOATS.loopBound(d); // whole vectors, then the tail in scalars (see SoftmaxKernel)
        for (int r = 0; r < n; r++) {
            int row = r * d * Float.BYTES;
            FloatVector dot = FloatVector.zero(FLOATS);
            for (int k = 0; k < whole; k += lanes) {
                int at = row + k * Float.BYTES;
                FloatVector g = FloatVector.fromByteBuffer(FLOATS, gb, g0 + at, ORDER);
                FloatVector h = FloatVector.fromByteBuffer(FLOATS, hb, h0 + at, ORDER);
                g.fma(h, FloatVector.fromArray(FLOATS, dws, k)).intoArray(dws, k);
                dot = g.mul(FloatVector.fromByteBuffer(FLOATS, wb, w0 + k * Float.BYTES, ORDER)).fma(h, dot);
            }
            float sum = VectorMath.sum(dot);
            for (int k = whole; k < d; k++) {
                int at = row + k * Float.BYTES;
                float g = gb.getFloat(g0 + at);
                float h = hb.getFloat(h0 + at);
                dws[k] += g * h;
                sum += g * wb.getFloat(w0 + k * Float.BYTES) * h;
            }
            float mean = sum / d;
            float s = ib.getFloat(i0 + r * Float.BYTES);
            for (int k = 0; k < whole; k += lanes) {
                int at = row + k * Float.BYTES;
                FloatVector g = FloatVector.fromByteBuffer(FLOATS, gb, g0 + at, ORDER)
                        .mul(FloatVector.fromByteBuffer(FLOATS, wb, w0 + k * Float.BYTES, ORDER));
                FloatVector h = FloatVector.fromByteBuffer(FLOATS, hb, h0 + at, ORDER);
                g.sub(h.mul(mean)).mul(s).intoByteBuffer(xb, x0 + at, ORDER);
            }
            for (int k = whole; k < d; k++) {
                int at = row + k * Float.BYTES;
                float g = gb.getFloat(g0 + at) * wb.getFloat(w0 + k * Float.BYTES);
                xb.putFloat(x0 + at, (g - hb.getFloat(h0 + at) * mean) * s);
            }
        }
    }
}
