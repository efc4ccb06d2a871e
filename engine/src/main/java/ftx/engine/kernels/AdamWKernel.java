package ftx.engine.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Ops#adamW} on FLOAT arrays: moments, decoupled decay and the bias-corrected step in one
 * pass over bulk copies, in float (the parameters' type), instead of about fourteen ND4J ops; in
 * place in vectors ({@link AdamWSimdKernel}) when {@link Simd} applies. Contract: {@link PlainOps#adamW}.
 */
final class AdamWKernel {
    private static final int BLOCK = 1 << 15;

    private AdamWKernel() {
    }

    /**
     * p, g, m, v of one FLOAT tensor (same shape), elements from..from+length-1; the gradient is
     * multiplied by gradScale (clipping); decay = 1 - lr*wd (1 for vectors); stepSize = lr / bc1.
     */
    static void step(INDArray p, INDArray g, INDArray m, INDArray v, long from, long length, Ops.AdamWStep a) {
        float b1 = (float) a.beta1();
        float c1 = (float) (1 - a.beta1());
        float b2 = (float) a.beta2();
        float c2 = (float) (1 - a.beta2());
        float dec = (float) a.decay();
        float step = (float) a.stepSize();
        float invBc2 = (float) (1 / a.bc2());
        float epsF = (float) a.eps();
        float scale = (float) a.gradScale();
        if (Simd.applies(p, g, m, v)) {
            AdamWSimdKernel.step(p, g, m, v, from, length, b1, c1, b2, c2, dec, step, invBc2, epsF, scale);
            return;
        }
        for (long at = from; at < from + length; at += BLOCK) { // blocks keep the host scratch small
            int n = (int) Math.min(BLOCK, from + length - at);
            float[] ps = HostMemory.readFloats(p, at, n, 0);
            float[] gs = HostMemory.readFloats(g, at, n, 1);
            float[] ms = HostMemory.readFloats(m, at, n, 2);
            float[] vs = HostMemory.readFloats(v, at, n, 3);
            for (int i = 0; i < n; i++) {
                float gi = gs[i] * scale;
                float mi = b1 * ms[i] + c1 * gi;
                float vi = b2 * vs[i] + c2 * gi * gi;
                ms[i] = mi;
                vs[i] = vi;
                ps[i] = ps[i] * dec - mi / ((float) Math.sqrt(vi * invBc2) + epsF) * step;
            }
            HostMemory.writeFloats(ms, m, at, n);
            HostMemory.writeFloats(vs, v, at, n);
            HostMemory.writeFloats(ps, p, at, n);
        }
    }
}
