package ftx.engine.kernels;

import ftx.engine.util.StepCancel;
import ftx.engine.util.Workspaces;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The Binary Mapper's exact backward ({@link Ops#mapperBackward}) on FLOAT arrays, with the per-token
 * contraction in vectors ({@link MultilinearKernel}) on [c, 2^BITS] blocks of a = s W_post^T.
 * Contract: {@link MultilinearPlain#backward}.
 */
final class MapperHost {
    /** Entries of a [tokens, codes per block] product: at most 2^21 (8 MB per training thread). */
    static final long CHUNK_ENTRIES = 1L << 21;

    private MapperHost() {
    }

    /**
     * Up to 2^BITS codes form one block, contracted per token in place
     * ({@link MultilinearKernel}). Beyond, code k = u 2^BITS + i splits into a block u (the upper
     * bits) and i, so {@code F = sum_u G_up(u) F_u} with F_u the block's own multilinear form:
     * one pass over each [c, 2^BITS] GEMM block, while it is in cache, gives F_u and adds the
     * block's share of the lower bits' gradient ({@link MapperBlocks}); the upper bits' gradient
     * is that of the form over the 2^(H-BITS) values F_u.
     */
    static INDArray backward(INDArray s, INDArray probs, INDArray post, long chunkEntries, StepCancel cancel) {
        int n = (int) s.size(0);
        int h = (int) probs.size(1);
        int b = Math.min(h, MapperBlockKernel.BITS);
        int low = 1 << b; // codes per block
        int chunk = (int) Math.max(1, Math.min(n, chunkEntries / low));
        double[] p = HostMemory.copy(probs); // [N, H]
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
        return HostMemory.create(grad, probs.dataType(), n, h);
    }
}
