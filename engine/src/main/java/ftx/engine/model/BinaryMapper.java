package ftx.engine.model;

import ftx.engine.kernels.Ops;
import ftx.engine.util.StepCancel;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Binary Mapper (SPEC section 2 step 3 and section 3): H bit logits per token become
 * {@code p = sigmoid(l)}, bits {@code b_h = [u_h < p_h]} and the index {@code z = sum_h b_h 2^h}
 * (bit 0 least significant). Its forward value is onehot(z); its gradient is straight-through
 * over the whole distribution {@code G_k = prod_h (p_h if bit_h(k) else 1-p_h)}.
 *
 * <p>The backward never forms G: with {@code a_k = dL/dG_k = s . W_post[k]}, {@code dL/dp_h} is the
 * derivative of the multilinear form {@code sum_k a_k G_k}, O(2^H) per token
 * ({@link Ops#mapperBackward}).
 */
public final class BinaryMapper {
    private BinaryMapper() {
    }

    /** probs [N, H]; z (N indices). */
    public record Sample(INDArray probs, int[] z) {
    }

    /** logits [N, H], uniforms (N*H values, row-major) -> bits b = [u < p]. */
    public static Sample sample(INDArray logits, double[] uniforms) {
        INDArray probs = Transforms.sigmoid(logits, true);
        int n = (int) logits.size(0);
        int h = (int) logits.size(1);
        if (uniforms.length != n * h) {
            throw new IllegalArgumentException("need " + n * h + " uniforms for " + n + " tokens x " + h + " bits, got " + uniforms.length);
        }
        double[] p = probs.dup('c').data().asDouble();
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            int code = 0;
            for (int bit = 0; bit < h; bit++) {
                if (uniforms[i * h + bit] < p[i * h + bit]) {
                    code |= 1 << bit;
                }
            }
            z[i] = code;
        }
        return new Sample(probs, z);
    }

    /**
     * z with the rows of the marked sequences (t rows each) redrawn from the uniform prior by the
     * same uniforms: bit h = [u_h < 1/2].
     */
    static int[] fromPrior(int[] z, double[] uniforms, boolean[] marked, int t, int h) {
        if (marked.length * t != z.length) {
            throw new IllegalArgumentException("fromPrior marks " + marked.length + " sequences, the batch has " + z.length / t);
        }
        int[] out = z.clone();
        for (int seq = 0; seq < marked.length; seq++) {
            if (!marked[seq]) {
                continue;
            }
            for (int i = seq * t; i < (seq + 1) * t; i++) {
                int code = 0;
                for (int bit = 0; bit < h; bit++) {
                    if (uniforms[i * h + bit] < 0.5) {
                        code |= 1 << bit;
                    }
                }
                out[i] = code;
            }
        }
        return out;
    }

    /** Zeroes the rows of the marked sequences (t rows each) of a gradient [N, H]; null marks none. */
    static void clearRows(INDArray grad, boolean[] marked, int t) {
        if (marked == null) {
            return;
        }
        for (int seq = 0; seq < marked.length; seq++) {
            if (marked[seq]) {
                grad.get(NDArrayIndex.interval((long) seq * t, (long) (seq + 1) * t), NDArrayIndex.all()).assign(0);
            }
        }
    }

    /** The most likely index per token: bit h set where p_h > 1/2. */
    static int[] mostLikely(INDArray probs) {
        int n = (int) probs.size(0);
        int h = (int) probs.size(1);
        double[] p = probs.dup('c').data().asDouble();
        int[] z = new int[n];
        for (int i = 0; i < n; i++) {
            for (int bit = 0; bit < h; bit++) {
                if (p[i * h + bit] > 0.5) {
                    z[i] |= 1 << bit;
                }
            }
        }
        return z;
    }

    /** s = dL/dR [N, D], probs [N, H], post [2^H, D] -> dL/dlogits [N, H] through the mapper. */
    static INDArray backward(INDArray s, INDArray probs, INDArray post) {
        return backward(s, probs, post, StepCancel.NONE);
    }

    /** The same, checking cancel between blocks of codes (at H = 16 each pass streams W_post once per chunk of tokens). */
    static INDArray backward(INDArray s, INDArray probs, INDArray post, StepCancel cancel) {
        return Ops.current().mapperBackward(s, probs, post, cancel);
    }
}
