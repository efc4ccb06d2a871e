package ftx.engine.kernels;

import ftx.engine.util.StepCancel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The operations of the model that have a fast CPU version: the one seam between the paper's
 * model ({@code ftx.engine.model}) and the kernels. {@link PlainOps} does each with ND4J ops only:
 * it is the contract (each method's comment), the tests' oracle and what a GPU runs.
 * {@link CpuOps} does them with the host kernels of this package. {@link #current} is chosen once,
 * at start ({@link OpsChoice}).
 */
public interface Ops {
    /** The operations in use: chosen once from the backend's declared type and {@code -Dftx.fastKernels}. */
    static Ops current() {
        return OpsChoice.ops();
    }

    /** A short name for reports: "CPU kernels" or "plain ND4J". */
    String name();

    /** True when work may run on host threads beside ND4J's (generation's host step, two training threads). */
    boolean hostKernels();

    /** A new array op(a) op(b) (2-D arrays). */
    INDArray gemm(INDArray a, INDArray b, boolean transA, boolean transB);

    /** c = alpha op(a) op(b) + beta c, in place (2-D arrays). */
    void gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB, double alpha, double beta);

    /** RMSNorm of each row of x [N, D]: y = xhat * w, xhat = x * invRms, invRms = 1 / sqrt(mean(x^2) + eps). */
    Normed rmsNorm(INDArray x, INDArray w, double eps);

    /** Accumulates dw += sum_rows(dy * xhat); returns dx = (dy w - xhat mean(dy w xhat)) invRms, a new array. */
    INDArray rmsNormBackward(INDArray dy, Normed forward, INDArray w, INDArray dw);

    /** SwiGLU's gate: silu(a) * up = a sigmoid(a) up, element-wise, a new array. */
    INDArray swiGlu(INDArray a, INDArray up);

    /**
     * SwiGLU's gate backward: returns {dA, dUp} with dUp = dHidden silu(a) and
     * dA = dHidden up silu'(a), silu'(a) = s (1 + a (1 - s)), s = sigmoid(a). May overwrite dHidden.
     */
    INDArray[] swiGluBackward(INDArray dHidden, INDArray a, INDArray up);

    /**
     * RoPE on x [B*T, D] at positions offset..offset+T-1 of each sequence: each pair
     * (x0, x1) -> (x0 c - x1 s, x1 c + x0 s); the inverse (for the backward) negates s. A new array.
     */
    INDArray rope(INDArray x, RopeTable table, int b, int t, int offset, boolean inverse);

    /**
     * The core of multi-head attention in training: {@code softmax(rope(q) rope(k)^T / sqrt(hd) + mask) v}
     * per head, with q, k, v before RoPE given as columns of [rows, width] arrays (q rows B*Tq, k and v
     * B*Tk), D = d. causal (needs Tq == Tk): query t sees keys 0..t.
     */
    AttentionCore attention(Columns q, Columns k, Columns v, int d, RopeTable table, int nHeads, int b, int tq, int tk,
                            boolean causal);

    /**
     * Its backward: from dMerged [B*Tq, D] and the forward's probabilities, writes dq, dk (before
     * RoPE) and dv into the given columns (dq, dk and dv may share one array).
     */
    void attentionBackward(INDArray dMerged, INDArray probs, Columns q, Columns k, Columns v, Columns dq, Columns dk,
                           Columns dv, RopeTable table, int nHeads, int b, int tq, int tk, boolean causal);

    /**
     * softmax(scores * scale) over the last axis of [B, nh, Tq, Tk], in place (returned); causal:
     * query i (at position offset + i) sees keys 0..offset+i, the others get exactly 0.
     */
    INDArray softmax(INDArray scores, double scale, boolean causal, int offset);

    /** dTable[index[n]] += dy[n] for every n (repeated indices accumulate), in place. */
    void scatterAddRows(INDArray dy, int[] index, INDArray dTable);

    /**
     * The Binary Mapper's exact backward (SPEC section 3): s = dL/dR [N, D], probs [N, H], post
     * [2^H, D] -> dL/dlogits [N, H], where a_k = s . post[k] and dL/dp_h is the derivative of
     * {@code sum_k a_k prod_h (p_h if bit_h(k) else 1 - p_h)}, times p (1 - p). Checks cancel between blocks.
     */
    INDArray mapperBackward(INDArray s, INDArray probs, INDArray post, StepCancel cancel);

    /**
     * One AdamW update of elements from..from+length-1 of one tensor (p, g, m, v of one shape):
     * g' = g gradScale; m = b1 m + (1-b1) g'; v = b2 v + (1-b2) g'^2; p = p decay - stepSize m / (sqrt(v / bc2) + eps).
     */
    void adamW(INDArray p, INDArray g, INDArray m, INDArray v, long from, long length, AdamWStep step);

    /** g = w0 g + w1 h over elements from..from+length-1 (same shapes), in place (h may be left scaled); returns the sum of squares of the result there. */
    double combine(INDArray g, INDArray h, long from, long length, double w0, double w1);

    /** The normalised rows and the per-row 1 / RMS of an RMSNorm forward, with its output y. */
    record Normed(INDArray y, INDArray xhat, INDArray invRms) {
    }

    /** Columns col..col+D-1 of an array [rows, width] (q, k or v inside a fused projection). */
    record Columns(INDArray array, int col) {
        int width() {
            return (int) array.size(1);
        }
    }

    /** The attention output before W_o [B*Tq, D], and the probabilities [B, nh, Tq, Tk] the backward needs. */
    record AttentionCore(INDArray merged, INDArray probs) {
    }

    /** AdamW's scalars for one tensor: decay = 1 - lr wd (1 without decay), stepSize = lr / bc1. */
    record AdamWStep(double beta1, double beta2, double decay, double stepSize, double bc2, double eps,
                     double gradScale) {
    }
}
