package ftx.engine.kernels;

import static ftx.engine.kernels.VectorMath.FLOATS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * SIMD kernel ({@link Simd}) for {@link AdamWKernel}'s update, on ND4J's memory in place instead
 * of on copies. Each lane computes exactly what the scalar loop computes (no fused multiply-adds;
 * a float square root is the correctly rounded one the scalar loop gets through double), so the
 * two agree bit for bit.
 */
final class AdamWSimdKernel {
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();

    private AdamWSimdKernel() {
    }

    /** As {@link AdamWKernel#step}, with its float constants. */
    static void step(INDArray p, INDArray g, INDArray m, INDArray v, long from, long length, float b1, float c1,
                     float b2, float c2, float dec, float step, float invBc2, float eps, float scale) {
        int at = (int) from * Float.BYTES;
        loop(Simd.bytes(p), Simd.start(p) + at, Simd.bytes(g), Simd.start(g) + at, Simd.bytes(m), Simd.start(m) + at,
                Simd.bytes(v), Simd.start(v) + at, (int) length, b1, c1, b2, c2, dec, step, invBc2, eps, scale);
    }

    /** The loop, on its own so that C2 compiles it with its whole inlining budget. */
    private static void loop(ByteBuffer pb, int p0, ByteBuffer gb, int g0, ByteBuffer mb, int m0, ByteBuffer vb, int v0,
                             int n, float b1, float c1, float b2, float c2, float dec, float step, float invBc2, float eps,
                             float scale) {
        int whole = FLOATS.loopBound(n);
        for (int i = 0; i < whole; i += FLOATS.length()) {
            int o = i * Float.BYTES;
            FloatVector gi = FloatVector.fromByteBuffer(FLOATS, gb, g0 + o, ORDER).mul(scale);
            FloatVector mi = FloatVector.fromByteBuffer(FLOATS, mb, m0 + o, ORDER).mul(b1).add(gi.mul(c1));
            FloatVector vi = FloatVector.fromByteBuffer(FLOATS, vb, v0 + o, ORDER).mul(b2).add(gi.mul(c2).mul(gi));
            mi.intoByteBuffer(mb, m0 + o, ORDER);
            vi.intoByteBuffer(vb, v0 + o, ORDER);
            FloatVector pi = FloatVector.fromByteBuffer(FLOATS, pb, p0 + o, ORDER);
            pi.mul(dec).sub(mi.div(vi.mul(invBc2).sqrt().add(eps)).mul(step)).intoByteBuffer(pb, p0 + o, ORDER);
        }
        for (int i = whole; i < n; i++) {
            int o = i * Float.BYTES;
            float gi = gb.getFloat(g0 + o) * scale;
            float mi = b1 * mb.getFloat(m0 + o) + c1 * gi;
            float vi = b2 * vb.getFloat(v0 + o) + c2 * gi * gi;
            mb.putFloat(m0 + o, mi);
            vb.putFloat(v0 + o, vi);
            pb.putFloat(p0 + o, pb.getFloat(p0 + o) * dec - mi / ((float) Math.sqrt(vi * invBc2) + eps) * step);
        }
    }
}
