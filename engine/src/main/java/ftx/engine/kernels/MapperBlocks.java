package ftx.engine.kernels;

import static ftx.engine.kernels.MapperBlockKernel.BITS;
import static ftx.engine.kernels.MapperBlockKernel.HI_BITS;
import static ftx.engine.kernels.MapperBlockKernel.HI_TABLE;
import static ftx.engine.kernels.MapperBlockKernel.LANE_BITS;
import static ftx.engine.kernels.MapperBlockKernel.LANE_TABLE;
import static ftx.engine.kernels.MapperBlockKernel.SUMS;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The per-token state of {@link MapperHost} for a chunk of c tokens when the
 * codes span several blocks of 2^BITS: the tables of the block's bit distributions and their
 * derivatives, the running sums S and H ({@link MapperBlockKernel}), G_up(u) and F_u per block.
 */
final class MapperBlocks {
    /** Blocks of codes. */
    final int count;
    private final int h;
    private final MultilinearKernel.Scratch scratch;
    private final float[] hi;
    private final float[] lane;
    private final float[] sums;
    private final float[] gUp;
    private final float[] perBlock;

    /** For h > BITS. */
    MapperBlocks(int chunk, int h) {
        this.h = h;
        this.count = 1 << (h - BITS);
        this.scratch = new MultilinearKernel.Scratch(h - BITS);
        hi = new float[chunk * HI_TABLE];
        lane = new float[chunk * LANE_TABLE];
        sums = new float[chunk * SUMS];
        gUp = new float[chunk * count];
        perBlock = new float[chunk * count];
    }

    /** The tables of the chunk's tokens (rows r0..r0+c of p), the sums cleared. */
    void startChunk(double[] p, int r0, int c) {
        for (int r = 0; r < c; r++) {
            int at = (r0 + r) * h;
            table(p, at, LANE_BITS, lane, r * LANE_TABLE);
            table(p, at + LANE_BITS, HI_BITS, hi, r * HI_TABLE);
            MultilinearKernel.distribution(p, at + BITS, h - BITS, gUp, r * count);
        }
        Arrays.fill(sums, 0, c * SUMS, 0f);
    }

    /** Block u of the c tokens' a, rows of 2^BITS floats from byte position first. */
    void pass(int u, ByteBuffer a, int first, int c) {
        for (int r = 0; r < c; r++) {
            perBlock[r * count + u] = MapperBlockKernel.block(a, first + (r << BITS) * Float.BYTES, hi, r * HI_TABLE,
                    lane, r * LANE_TABLE, sums, r * SUMS, gUp[r * count + u]);
        }
    }

    /** dF/dp of the block's bits from the sums, of the upper bits from the F_u, into grad. */
    void finishChunk(double[] p, int r0, int c, double[] grad) {
        for (int r = 0; r < c; r++) {
            int at = (r0 + r) * h;
            MapperBlockKernel.lowerGradient(sums, r * SUMS, lane, r * LANE_TABLE, grad, at);
            MultilinearKernel.gradient(perBlock, r * count, h - BITS, p, at + BITS, grad, at + BITS, scratch);
        }
    }

    /**
     * out[off..) = the distribution G of the bits p[pOff..pOff+bits) over 2^bits indices, then
     * for each bit j its derivative dG/dp_j (the product over the other bits, times +1 where bit
     * j is set and -1 where not).
     */
    static void table(double[] p, int pOff, int bits, float[] out, int off) {
        int n = 1 << bits;
        MultilinearKernel.distribution(p, pOff, bits, out, off);
        for (int j = 0; j < bits; j++) {
            for (int k = 0; k < n; k++) {
                double d = ((k >> j) & 1) == 1 ? 1 : -1;
                for (int i = 0; i < bits; i++) {
                    if (i != j) {
                        d *= ((k >> i) & 1) == 1 ? p[pOff + i] : 1 - p[pOff + i];
                    }
                }
                out[off + (1 + j) * n + k] = (float) d;
            }
        }
    }
}
