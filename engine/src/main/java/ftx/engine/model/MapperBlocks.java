package ftx.engine.model;

/**
 * The per-token arrays of {@link BinaryMapper}'s host backward for a chunk of c tokens when the
 * codes span several blocks of 2^b: G_low and A (2^b each), G_up and F_u (one per block), with
 * the passes over them ({@link MultilinearKernel} does the vector work).
 */
final class MapperBlocks {
    final int count;
    final MultilinearKernel.Scratch scratch;
    private final int b;
    private final int h;
    private final int low;
    private final float[] gLow;
    private final float[] sumLow;
    private final float[] gUp;
    private final float[] perBlock;

    MapperBlocks(int chunk, int b, int h) {
        this.b = b;
        this.h = h;
        this.low = 1 << b;
        this.count = 1 << (h - b);
        this.scratch = new MultilinearKernel.Scratch(Math.max(b, h - b));
        boolean several = count > 1;
        gLow = new float[several ? chunk * low : 0];
        sumLow = new float[several ? chunk * low : 0];
        gUp = new float[several ? chunk * count : 0];
        perBlock = new float[several ? chunk * count : 0];
    }

    /** G_low and G_up of the chunk's tokens (rows r0..r0+c of p), A cleared. */
    void startChunk(double[] p, int r0, int c) {
        if (count == 1) {
            return;
        }
        for (int r = 0; r < c; r++) {
            MultilinearKernel.distribution(p, (r0 + r) * h, b, gLow, r * low);
            MultilinearKernel.distribution(p, (r0 + r) * h + b, h - b, gUp, r * count);
        }
        java.util.Arrays.fill(sumLow, 0, c * low, 0f);
    }

    /** Block u of the c tokens' a, rows of 2^b floats from byte position first: F_u, and A += G_up(u) a_u. */
    void pass(int u, java.nio.ByteBuffer a, int first, int c) {
        for (int r = 0; r < c; r++) {
            perBlock[r * count + u] = MultilinearKernel.dotAndAdd(a, first + r * low * Float.BYTES, gLow, r * low,
                    sumLow, r * low, gUp[r * count + u], low);
        }
    }

    /** dF/dp of the lower bits from A, of the upper bits from the F_u, into grad. */
    void finishChunk(double[] p, int r0, int c, double[] grad) {
        if (count == 1) {
            return;
        }
        for (int r = 0; r < c; r++) {
            int at = (r0 + r) * h;
            MultilinearKernel.gradient(sumLow, r * low, b, p, at, grad, at, scratch);
            MultilinearKernel.gradient(perBlock, r * count, h - b, p, at + b, grad, at + b, scratch);
        }
    }
}
