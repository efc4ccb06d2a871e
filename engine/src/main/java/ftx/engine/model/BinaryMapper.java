package ftx.engine.model;

import ftx.engine.util.Blas;
import ftx.engine.util.FastPath;
import ftx.engine.util.Simd;
import ftx.engine.util.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Binary Mapper (SPEC section 2 step 3 and section 3): H bit logits per token become
 * {@code p = sigmoid(l)}, bits {@code b_h = [u_h < p_h]} and the index {@code z = sum_h b_h 2^h}
 * (bit 0 least significant). Its forward value is onehot(z); its gradient is straight-through
 * over the whole distribution {@code G_k = prod_h (p_h if bit_h(k) else 1-p_h)}.
 *
 * <p>The backward never forms G: with {@code a_k = dL/dG_k = s . W_post[k]} (one GEMM per
 * chunk of tokens), {@code dL/dp_h} is the derivative of the multilinear form
 * {@code sum_k a_k G_k}, obtained by contracting the bits one at a time (a [.., 2] axis per bit)
 * and running that contraction backwards: O(2^H) per token after the GEMM. When {@link Simd}
 * applies, {@link MultilinearKernel} does that per token in vectors (the plain version's strided
 * views cost about 80 ns per entry).
 */
final class BinaryMapper {
    /** Entries of the [tokens, 2^H] block handled at once; bounds memory at H = 16. */
    static final long CHUNK_ENTRIES = 1L << 22;
    /**
     * The host path works on [c, 2^BITS] blocks of a ({@link MapperBlockKernel#BITS}, 9 with
     * 16-float vectors): 2^BITS codes of c tokens, at most 2^21 entries (8 MB per training
     * thread). At H = 16 on one core the blocks take 265-293 ms per 2080-token shard (their
     * products alone 256-290) against 440-500 ms for whole [256, 2^16] rows of codes, whose 545 MB
     * per shard went out to memory and back.
     */
    static final long HOST_CHUNK_ENTRIES = 1L << 21;

    private BinaryMapper() {
    }

    /** probs [N, H]; z (N indices). */
    record Sample(INDArray probs, int[] z) {
    }

    /** logits [N, H], uniforms (N*H values, row-major) -> bits b = [u < p]. */
    static Sample sample(INDArray logits, double[] uniforms) {
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

    /** The same, checking cancel between blocks (all of them stream W_post once per chunk of tokens: 300 ms or more at H = 16). */
    static INDArray backward(INDArray s, INDArray probs, INDArray post, StepCancel cancel) {
        return Simd.applies(s, probs, post) ? backwardHost(s, probs, post, HOST_CHUNK_ENTRIES, cancel)
                : backwardPlain(s, probs, post, cancel);
    }

    static INDArray backwardPlain(INDArray s, INDArray probs, INDArray post) {
        return backwardPlain(s, probs, post, StepCancel.NONE);
    }

    private static INDArray backwardPlain(INDArray s, INDArray probs, INDArray post, StepCancel cancel) {
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
                INDArray a = Blas.gemm(sc.dup('c'), post, false, true); // [c, 2^H]: dL/dG_k
                dp.get(NDArrayIndex.interval(r0, r1), NDArrayIndex.all()).assign(multilinearGradient(a, pc));
            }
        }
        return dp.muli(probs).muli(probs.rsub(1.0)); // dp/dl = p (1 - p)
    }

    /** The same gradient (FLOAT arrays) with the per-token contraction on the host, in blocks of codes. */
    static INDArray backwardHost(INDArray s, INDArray probs, INDArray post) {
        return backwardHost(s, probs, post, HOST_CHUNK_ENTRIES, StepCancel.NONE);
    }

    /** The same with a given chunk size (entries of [tokens, codes per block] per GEMM). */
    static INDArray backwardHost(INDArray s, INDArray probs, INDArray post, long chunkEntries) {
        return backwardHost(s, probs, post, chunkEntries, StepCancel.NONE);
    }

    /**
     * Up to 2^BITS codes form one block, contracted per token in place
     * ({@link MultilinearKernel}). Beyond, code k = u 2^BITS + i splits into a block u (the upper
     * bits) and i, so {@code F = sum_u G_up(u) F_u} with F_u the block's own multilinear form:
     * one pass over each [c, 2^BITS] GEMM block, while it is in cache, gives F_u and adds the
     * block's share of the lower bits' gradient ({@link MapperBlocks}); the upper bits' gradient
     * is that of the form over the 2^(H-BITS) values F_u.
     */
    private static INDArray backwardHost(INDArray s, INDArray probs, INDArray post, long chunkEntries,
                                         StepCancel cancel) {
        int n = (int) s.size(0);
        int h = (int) probs.size(1);
        int b = Math.min(h, MapperBlockKernel.BITS);
        int low = 1 << b; // codes per block
        int chunk = (int) Math.max(1, Math.min(n, chunkEntries / low));
        double[] p = FastPath.copy(probs); // [N, H]
        double[] grad = new double[n * h];
        MapperBlocks blocks = h > b ? new MapperBlocks(chunk, h) : null;
        MultilinearKernel.Scratch scratch = new MultilinearKernel.Scratch(b);
        try (MemoryWorkspace ws = Workspaces.open("ftx-mapper-chunk", chunk + "x" + low + probs.dataType())) {
            INDArray block = Nd4j.createUninitialized(probs.dataType(), chunk, low); // a_k = dL/dG_k of one block
            java.nio.ByteBuffer bytes = Simd.bytes(block);
            int first = Simd.start(block);
            for (int r0 = 0; r0 < n; r0 += chunk) {
                int c = Math.min(n, r0 + chunk) - r0;
                INDArray sc = s.get(NDArrayIndex.interval(r0, r0 + c), NDArrayIndex.all()); // [c, D], dense rows
                INDArray out = c == chunk ? block : block.get(NDArrayIndex.interval(0, c), NDArrayIndex.all());
                if (blocks != null) {
                    blocks.startChunk(p, r0, c);
                }
                int count = blocks == null ? 1 : blocks.count;
                for (int u = 0; u < count; u++) {
                    cancel.check();
                    Blas.gemm(sc, post.get(NDArrayIndex.interval((long) u * low, (long) (u + 1) * low), NDArrayIndex.all()),
                            out, false, true, 1.0, 0.0);
                    if (blocks == null) { // all codes in one block: contract each token's row in place
                        for (int r = 0; r < c; r++) {
                            int at = (r0 + r) * h;
                            MultilinearKernel.gradient(bytes, first + r * low * Float.BYTES, h, p, at, grad, at, scratch);
                        }
                    } else {
                        blocks.pass(u, bytes, first, c);
                    }
                }
                if (blocks != null) {
                    blocks.finishChunk(p, r0, c, grad);
                }
            }
        }
        for (int i = 0; i < grad.length; i++) {
            grad[i] *= p[i] * (1 - p[i]); // dp/dl = p (1 - p)
        }
        return FastPath.create(grad, probs.dataType(), n, h);
    }

    /**
     * For each row, the gradient over p of {@code F(p) = sum_k a_k prod_h (p_h or 1-p_h)}.
     * a [c, 2^H], p [c, H] -> [c, H].
     */
    static INDArray multilinearGradient(INDArray a, INDArray p) {
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
