package ftx.engine.kernels;

import ftx.engine.util.StepCancel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link Ops} with the host kernels of this package, on the CPU backend. Each operation runs its
 * kernel on dense FLOAT arrays (the SIMD one when {@link Simd} applies) and hands anything else
 * (double arrays of the gradient checks, strided views) to {@link PlainOps}, whose results each
 * kernel reproduces up to rounding.
 */
public final class CpuOps implements Ops {
    public static final CpuOps INSTANCE = new CpuOps();
    private static final PlainOps PLAIN = PlainOps.INSTANCE;

    private CpuOps() {
    }

    @Override
    public String name() {
        return "CPU kernels";
    }

    @Override
    public boolean hostKernels() {
        return true;
    }

    @Override
    public INDArray gemm(INDArray a, INDArray b, boolean transA, boolean transB) {
        return Blas.gemm(a, b, transA, transB); // Nd4j.gemm for what cblas cannot take
    }

    @Override
    public void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
        Blas.gemm(a, b, c, transA, transB, alpha, beta);
    }

    @Override
    public Normed rmsNorm(INDArray x, INDArray w, double eps) {
        return Simd.applies(x, w) ? RmsNormKernel.forward(x, w, eps) : PLAIN.rmsNorm(x, w, eps);
    }

    @Override
    public INDArray rmsNormBackward(INDArray dy, Normed f, INDArray w, INDArray dw) {
        return Simd.applies(dy, f.xhat(), f.invRms(), w, dw) ? RmsNormKernel.backward(dy, f, w, dw)
                : PLAIN.rmsNormBackward(dy, f, w, dw);
    }

    @Override
    public INDArray swiGlu(INDArray a, INDArray up) {
        return Simd.applies(a, up) ? SwiGluKernel.forward(a, up) : PLAIN.swiGlu(a, up);
    }

    @Override
    public INDArray[] swiGluBackward(INDArray dHidden, INDArray a, INDArray up) {
        if (!Simd.applies(dHidden, a, up)) {
            return PLAIN.swiGluBackward(dHidden, a, up);
        }
        INDArray dUp = SwiGluKernel.backward(dHidden, a, up); // dHidden becomes dA
        return new INDArray[] {dHidden, dUp};
    }

    @Override
    public INDArray rope(INDArray x, RopeTable table, int b, int t, int offset, boolean inverse) {
        table.check(offset + t);
        return HostMemory.denseFloat(x) ? RopeKernel.apply(x, table, b, t, offset, inverse)
                : PLAIN.rope(x, table, b, t, offset, inverse);
    }

    @Override
    public AttentionCore attention(Columns q, Columns k, Columns v, int d, RopeTable table, int nHeads, int b, int tq,
                                   int tk, boolean causal) {
        table.check(Math.max(tq, tk));
        if (!Simd.applies(q.array(), k.array(), v.array()) || !Simd.fits((long) b * nHeads * tq * tk)) {
            return PLAIN.attention(q, k, v, d, table, nHeads, b, tq, tk, causal);
        }
        return AttentionKernel.forward(q, k, v, table, d, nHeads, b, tq, tk, causal);
    }

    @Override
    public void attentionBackward(INDArray dMerged, INDArray probs, Columns q, Columns k, Columns v, Columns dq,
                                  Columns dk, Columns dv, RopeTable table, int nHeads, int b, int tq, int tk,
                                  boolean causal) {
        table.check(Math.max(tq, tk));
        if (Simd.applies(dMerged, probs, q.array(), k.array(), v.array(), dq.array(), dk.array(), dv.array())) {
            AttentionKernel.backward(dMerged, probs, q, k, v, dq, dk, dv, table, nHeads, b, tq, tk, causal);
        } else {
            PLAIN.attentionBackward(dMerged, probs, q, k, v, dq, dk, dv, table, nHeads, b, tq, tk, causal);
        }
    }

    @Override
    public INDArray softmax(INDArray scores, double scale, boolean causal, int offset) {
        if (!Simd.applies(scores)) {
            return PLAIN.softmax(scores, scale, causal, offset);
        }
        SoftmaxKernel.forward(scores, scale, causal, offset);
        return scores;
    }

    @Override
    public void scatterAddRows(INDArray dy, int[] index, INDArray dTable) {
        if (Simd.applies(dy, dTable)) {
            RowLookupKernel.backward(dy, index, dTable);
        } else {
            PLAIN.scatterAddRows(dy, index, dTable);
        }
    }

    @Override
    public INDArray mapperBackward(INDArray s, INDArray probs, INDArray post, StepCancel cancel) {
        return Simd.applies(s, probs, post) ? MapperHost.backward(s, probs, post, MapperHost.CHUNK_ENTRIES, cancel)
                : PLAIN.mapperBackward(s, probs, post, cancel);
    }

    @Override
    public void adamW(INDArray p, INDArray g, INDArray m, INDArray v, long from, long length, AdamWStep step) {
        if (HostMemory.denseFloat(p, g, m, v)) {
            AdamWKernel.step(p, g, m, v, from, length, step);
        } else {
            PLAIN.adamW(p, g, m, v, from, length, step);
        }
    }

    @Override
    public double combine(INDArray g, INDArray h, long from, long length, double w0, double w1) {
        return HostMemory.denseFloat(g, h) ? CombineKernel.combine(g, h, from, length, (float) w0, (float) w1)
                : PLAIN.combine(g, h, from, length, w0, w1);
    }
}
