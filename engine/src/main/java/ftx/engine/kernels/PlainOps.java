package ftx.engine.kernels;

import ftx.engine.util.StepCancel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scatter.ScatterAdd;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link Ops} in ND4J ops only, on any backend, type and layout: the contract, the tests' oracle,
 * and what the CUDA backend runs.
 */
public final class PlainOps implements Ops {
    /** The additive mask of keys a causal query does not see (large and finite, so exp gives 0 without NaN). */
    private static final double MASKED = -1e9;

    public static final PlainOps INSTANCE = new PlainOps();

    private PlainOps() {
    }

    @Override
    public String name() {
        return "plain ND4J";
    }

    @Override
    public boolean hostKernels() {
        return false;
    }

    @Override
    public INDArray gemm(INDArray a, INDArray b, boolean transA, boolean transB) {
        return Nd4j.gemm(a, b, transA, transB);
    }

    @Override
    public void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta) {
        Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
    }

    @Override
    public Normed rmsNorm(INDArray x, INDArray w, double eps) {
        INDArray invRms = Transforms.pow(x.mul(x).mean(true, 1).addi(eps), -0.5, false); // [N, 1]
        INDArray xhat = x.mulColumnVector(invRms); // [N, D]
        return new Normed(xhat.mulRowVector(w), xhat, invRms);
    }

    @Override
    public INDArray rmsNormBackward(INDArray dy, Normed f, INDArray w, INDArray dw) {
        dw.addi(dy.mul(f.xhat()).sum(0));
        INDArray g = dy.mulRowVector(w); // [N, D]
        INDArray dot = g.mul(f.xhat()).mean(true, 1); // [N, 1]
        return g.subi(f.xhat().mulColumnVector(dot)).muliColumnVector(f.invRms());
    }

    @Override
    public INDArray swiGlu(INDArray a, INDArray up) {
        return a.mul(Transforms.sigmoid(a, true)).muli(up);
    }

    @Override
    public INDArray[] swiGluBackward(INDArray dHidden, INDArray a, INDArray up) {
        INDArray sigA = Transforms.sigmoid(a, true);
        INDArray dUp = dHidden.mul(a.mul(sigA)); // dHidden * silu(a)
        INDArray dSilu = sigA.rsub(1.0).muli(a).addi(1.0).muli(sigA); // s (1 + a (1 - s))
        return new INDArray[] {dHidden.mul(up).muli(dSilu), dUp};
    }

    @Override
    public INDArray rope(INDArray x, RopeTable table, int b, int t, int offset, boolean inverse) {
        table.check(offset + t);
        long d = x.size(1);
        INDArray c = table.cosArray().get(NDArrayIndex.interval(offset, offset + t), NDArrayIndex.all()); // [T, D]
        INDArray s = table.sinArray().get(NDArrayIndex.interval(offset, offset + t), NDArrayIndex.all());
        // x C + (x P) S, or for the inverse x C + (x P^T) S (P^T = -P)
        INDArray swapped = Nd4j.gemm(x, table.swap().castTo(x.dataType()), false, inverse).reshape('c', b, t, d);
        INDArray out = x.reshape('c', b, t, d).mul(c.castTo(x.dataType())); // [B, T, D]
        out.addi(swapped.muli(s.castTo(x.dataType())));
        return out.reshape('c', (long) b * t, d);
    }

    @Override
    public AttentionCore attention(Columns q, Columns k, Columns v, int d, RopeTable table, int nHeads, int b, int tq,
                                   int tk, boolean causal) {
        INDArray q4 = splitHeads(rope(read(q, d), table, b, tq, 0, false), b, tq, nHeads); // [B, nh, Tq, hd]
        INDArray k4 = splitHeads(rope(read(k, d), table, b, tk, 0, false), b, tk, nHeads);
        INDArray v4 = splitHeads(read(v, d), b, tk, nHeads);
        INDArray probs = softmax(Nd4j.matmul(q4, k4, false, true, false), 1.0 / Math.sqrt(q4.size(3)), causal, 0);
        return new AttentionCore(mergeHeads(Nd4j.matmul(probs, v4), b, tq), probs);
    }

    @Override
    public void attentionBackward(INDArray dMerged, INDArray probs, Columns q, Columns k, Columns v, Columns dq,
                                  Columns dk, Columns dv, RopeTable table, int nHeads, int b, int tq, int tk,
                                  boolean causal) {
        long d = dMerged.size(1);
        INDArray q4 = splitHeads(rope(read(q, d), table, b, tq, 0, false), b, tq, nHeads);
        INDArray k4 = splitHeads(rope(read(k, d), table, b, tk, 0, false), b, tk, nHeads);
        INDArray v4 = splitHeads(read(v, d), b, tk, nHeads);
        INDArray dO4 = splitHeads(dMerged, b, tq, nHeads); // [B, nh, Tq, hd]
        INDArray dV4 = Nd4j.matmul(probs, dO4, true, false, false); // [B, nh, Tk, hd]
        INDArray dP = Nd4j.matmul(dO4, v4, false, true, false); // [B, nh, Tq, Tk]
        INDArray rowDot = dP.mul(probs).sum(true, 3); // softmax backward: P (dP - rowsum(dP P)) / sqrt(hd)
        INDArray dS = dP.subi(rowDot).muli(probs).muli(1.0 / Math.sqrt(q4.size(3)));
        INDArray dQ = rope(mergeHeads(Nd4j.matmul(dS, k4), b, tq), table, b, tq, 0, true);
        INDArray dK = rope(mergeHeads(Nd4j.matmul(dS, q4, true, false, false), b, tk), table, b, tk, 0, true);
        columns(dq, d).assign(dQ);
        columns(dk, d).assign(dK);
        columns(dv, d).assign(mergeHeads(dV4, b, tk));
    }

    @Override
    public INDArray softmax(INDArray scores, double scale, boolean causal, int offset) {
        scores.muli(scale);
        if (causal) {
            scores.addi(causalMask((int) scores.size(2), (int) scores.size(3), offset, scores.dataType())); // broadcast
        }
        return Nd4j.exec(new SoftMax(scores, scores, 3))[0];
    }

    @Override
    public void scatterAddRows(INDArray dy, int[] index, INDArray dTable) {
        INDArray idx = Nd4j.createFromArray(index).castTo(DataType.INT32);
        dTable.assign(Nd4j.exec(new ScatterAdd(dTable, idx, dy))[0]);
    }

    @Override
    public INDArray mapperBackward(INDArray s, INDArray probs, INDArray post, StepCancel cancel) {
        return MultilinearPlain.backward(s, probs, post, cancel);
    }

    @Override
    public void adamW(INDArray p, INDArray g, INDArray m, INDArray v, long from, long length, AdamWStep a) {
        INDArray pr = range(p, from, length);
        INDArray gr = a.gradScale() == 1.0 ? range(g, from, length) : range(g, from, length).mul(a.gradScale());
        INDArray mr = range(m, from, length).muli(a.beta1()).addi(gr.mul(1 - a.beta1()));
        INDArray vr = range(v, from, length).muli(a.beta2()).addi(gr.mul(gr).muli(1 - a.beta2()));
        if (a.decay() != 1) {
            pr.muli(a.decay());
        }
        INDArray denom = Transforms.sqrt(vr.div(a.bc2()), false).addi(a.eps());
        pr.subi(mr.div(denom).muli(a.stepSize()));
    }

    @Override
    public double combine(INDArray g, INDArray h, long from, long length, double w0, double w1) {
        INDArray view = range(g, from, length).muli(w0).addi(range(h, from, length).muli(w1));
        double n = view.norm2Number().doubleValue();
        return n * n;
    }

    /** Elements from..from+length-1 of a tensor in row-major order, as a view (written in place). */
    private static INDArray range(INDArray a, long from, long length) {
        if (!HostMemory.contiguous(a)) { // a reshape would copy, and the update would be lost
            throw new IllegalArgumentException("an update over part of a tensor needs a contiguous row-major tensor");
        }
        return a.reshape(a.length()).get(NDArrayIndex.interval(from, from + length));
    }

    /** The d columns of q, k or v as a [rows, d] view (a target) or, read, a dense copy. */
    private static INDArray columns(Columns c, long d) {
        return c.col() == 0 && c.width() == d ? c.array()
                : c.array().get(NDArrayIndex.all(), NDArrayIndex.interval(c.col(), c.col() + d));
    }

    private static INDArray read(Columns c, long d) {
        return columns(c, d).dup('c');
    }

    /** Additive mask: 0 where key position <= query position (offset + row), MASKED elsewhere. */
    private static INDArray causalMask(int tq, int tk, int offset, DataType dtype) {
        double[] m = new double[tq * tk];
        for (int i = 0; i < tq; i++) {
            for (int j = 0; j < tk; j++) {
                m[i * tk + j] = j <= offset + i ? 0 : MASKED;
            }
        }
        return Nd4j.createFromArray(m).reshape(tq, tk).castTo(dtype);
    }

    /** [B*T, D] -> [B, nh, T, hd]. */
    static INDArray splitHeads(INDArray x, int b, int t, int nHeads) {
        long hd = x.size(1) / nHeads;
        return x.reshape('c', b, t, nHeads, hd).permute(0, 2, 1, 3).dup('c');
    }

    /** [B, nh, T, hd] -> [B*T, D]. */
    static INDArray mergeHeads(INDArray x4, int b, int t) {
        long d = x4.size(1) * x4.size(3);
        return x4.permute(0, 2, 1, 3).dup('c').reshape('c', (long) b * t, d);
    }
}
