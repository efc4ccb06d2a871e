package ftx.engine.train;

import ftx.engine.util.FastPath;
import ftx.engine.util.Simd;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Host kernel for one {@link AdamW} update of a run of one tensor's elements: moments, decoupled
 * decay and the bias-corrected step in a single pass, instead of about fourteen ND4J ops (the
 * post-sampler table alone has 2^16 x D entries at H = 16). In float, the parameters' type, with
 * bulk copies in and out: computing in double cost three times the copies in conversions.
 * When {@link Simd} applies, {@link AdamWSimdKernel} does the same in place.
 */
final class AdamWKernel {
    private static final int BLOCK = 1 << 15;

    private AdamWKernel() {
    }

    /**
     * p, g, m, v of one FLOAT tensor (same shape), elements from..from+length-1; the gradient is
     * multiplied by gradScale (clipping); decay = 1 - lr*wd (1 for vectors); stepSize = lr / bc1.
     */
    static void step(INDArray p, INDArray g, INDArray m, INDArray v, long from, long length, double beta1,
                     double beta2, double decay, double stepSize, double bc2, double eps, double gradScale) {
        float b1 = (float) beta1;
        float c1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float c2 = (float) (1 - beta2);
        float dec = (float) decay;
        float step = (float) stepSize;
        float invBc2 = (float) (1 / bc2);
        float epsF = (float) eps;
        float scale = (float) gradScale;
        if (Simd.applies(p, g, m, v)) {
            AdamWSimdKernel.step(p, g, m, v, from, length, b1, c1, b2, c2, dec, step, invBc2, epsF, scale);
            return;
        }
        for (long at = from; at < from + length; at += BLOCK) { // blocks keep the host scratch small
            int n = (int) Math.min(BLOCK, from + length - at);
            float[] ps = FastPath.readFloats(p, at, n, 0);
            float[] gs = FastPath.readFloats(g, at, n, 1);
            float[] ms = FastPath.readFloats(m, at, n, 2);
            float[] vs = FastPath.readFloats(v, at, n, 3);
            for (int i = 0; i < n; i++) {
                float gi = gs[i] * scale;
                float mi = b1 * ms[i] + c1 * gi;
                float vi = b2 * vs[i] + c2 * gi * gi;
                ms[i] = mi;
                vs[i] = vi;
                ps[i] = ps[i] * dec - mi / ((float) Math.sqrt(vi * invBc2) + epsF) * step;
            }
            FastPath.writeFloats(ms, m, at, n);
            FastPath.writeFloats(vs, v, at, n);
            FastPath.writeFloats(ps, p, at, n);
        }
    }
}
