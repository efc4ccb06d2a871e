package ftx.engine.kernels;

import ftx.engine.util.StepCancel;
import ftx.engine.util.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The Binary Mapper's exact backward ({@link Ops#mapperBackward}) in ND4J ops: with
 * {@code a_k = dL/dG_k = s . W_post[k]} (one product per chunk of tokens), {@code dL/dp_h} is the
 * derivative of the multilinear form {@code sum_k a_k G_k}, obtained by contracting the bits one at
 * a time (a [.., 2] axis per bit) and running that contraction backwards: O(2^H) per token, G never formed.
 */
public final class MultilinearPlain {
    /** Entries of the [tokens, 2^H] block handled at once; bounds memory at H = 16. */
    public static final long CHUNK_ENTRIES = 1L << 22;

    private MultilinearPlain() {
    }

    /** The mapper backward of {@link Ops#mapperBackward}, in chunks of tokens. */
    static INDArray backward(INDArray s, INDArray probs, INDArray post, StepCancel cancel) {
        long n = s.size(0);
        long codes = post.size(0);
        long chunk = Math.max(1, Math.min(n, CHUNK_ENTRIES / codes));
        INDArray dp = Nd4j.create(probs.dataType(), probs.shape());
        for (long r0 = 0; r0 < n; r0 += chunk) {
            cancel.check();
            long r1 = Math.min(n, r0 + chunk);
            try (MemoryWorkspace ws = Workspaces.open("ftx-mapper-chunk", chunk + "x" + codes + probs.dataType())) {
                INDArray sc = s.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all());
                INDArray pc = probs.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all()).dup('c');
                INDArray a = Nd4j.gemm(sc.dup('c'), post, false, true); // [c, 2^H]: dL/dG_k
                dp.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all()).assign(multilinearGradient(a, pc));
            }
        }
        return dp.muli(probs).muli(probs.rsub(1.0)); // dp/dl = p (1 - p)
    }

    /**
     * For each row, the gradient over p of {@code F(p) = sum_k a_k prod_h (p_h or 1-p_h)}.
     * a [c, 2^H], p [c, H] -> [c, H].
     */
    public static INDArray multilinearGradient(INDArray a, INDArray p) {
        long c = a.size(0);
        int h = (int) p.size(1);
        INDArray[] diff = new INDArray[h];
        INDArray t = a;
        for (int j = 0; j < h; j++) { // contract bit j (the last axis of what is left)
            long m = a.size(1) >> (j + 1);
            INDArray t3 = t.reshape('c', c, m, 2); // [c, m, 2]: bit j = 0 / 1
            INDArray even = t3.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0));
            INDArray odd = t3.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1));
            diff[j] = odd.sub(even); // [c, m]
            INDArray pj = column(p, j, c);
            t = even.mulColumnVector(pj.rsub(1.0)).addi(odd.mulColumnVector(pj)); // [c, m]
        }
        INDArray grad = Nd4j.create(p.dataType(), c, h);
        INDArray w = Nd4j.ones(p.dataType(), c, 1); // weight of each remaining entry: product over bits above j
        for (int j = h - 1; j >= 0; j--) {
            grad.get(NDArrayIndex.all(), NDArrayIndex.point(j)).assign(w.mul(diff[j]).sum(1));
            if (j > 0) {
                long m = w.size(1);
                INDArray pj = column(p, j, c);
                INDArray next = Nd4j.create(p.dataType(), c, m, 2); // [c, m, 2]
                next.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0)).assign(w.mulColumnVector(pj.rsub(1.0)));
                next.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(1)).assign(w.mulColumnVector(pj));
                w = next.reshape('c', c, 2 * m);
            }
        }
        return grad;
    }

    private static INDArray column(INDArray p, int j, long c) {
        return p.get(NDArrayIndex.all(), NDArrayIndex.point(j)).dup('c').reshape(c, 1);
    }
}
