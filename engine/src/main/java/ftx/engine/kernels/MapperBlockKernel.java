package ftx.engine.kernels;

import static ftx.engine.kernels.VectorMath.FLOATS;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;

/**
 * SIMD kernel ({@link Simd}) for one block of 2^BITS codes in the Binary Mapper's exact backward
 * ({@link MapperBlocks}). Within a block, index i = m L + l splits into the lane l (the lowest
 * LANE_BITS bits, L = the vector width) and the vector m (the next HI_BITS bits), so
 * G_low(i) = G_lane(l) G_hi(m) and, with a_m the m-th vector of a token's block,
 * {@code S = sum_m G_hi(m) a_m} and {@code H_j = sum_m dG_hi/dp_j(m) a_m} give
 * <ul>
 * <li>the block's value {@code F_u = sum_l G_lane(l) S(l)},</li>
 * <li>its gradient over a lane bit j, {@code sum_l dG_lane/dp_j(l) S(l)},</li>
 * <li>over a vector bit j, {@code sum_l G_lane(l) H_j(l)},</li>
 * </ul>
 * all linear in S and H, so that the blocks' S and H are summed with the weights G_up(u) first
 * and reduced once per token: one read of a and six FMAs per vector, and no per-token arrays the
 * size of the block, which would make the pass memory-bound.
 */
final class MapperBlockKernel {
    private static final ByteOrder ORDER = ByteOrder.nativeOrder();
    /** Bits of the lane index. */
    static final int LANE_BITS = Integer.numberOfTrailingZeros(FLOATS.length());
    /** Bits of the vector index within a block: one accumulator each, plus S. */
    static final int HI_BITS = 5;
    /** Bits of a block. */
    static final int BITS = LANE_BITS + HI_BITS;
    /** Floats per token of the vector-index table: G_hi then dG_hi/dp_j for each vector bit. */
    static final int HI_TABLE = (1 + HI_BITS) << HI_BITS;
    /** Floats per token of the lane table: G_lane then dG_lane/dp_j for each lane bit. */
    static final int LANE_TABLE = (1 + LANE_BITS) << LANE_BITS;
    /** Floats per token of the running sums: S then H_j, one vector each. */
    static final int SUMS = (1 + HI_BITS) << LANE_BITS;

    private MapperBlockKernel() {
    }

    /**
     * One token's block of a (2^BITS floats at byte position start): adds w S and w H_j to
     * sums[sumsOff..+SUMS) and returns F_u; hi and lane hold the token's tables at hiOff, laneOff.
     */
    static float block(ByteBuffer a, int start, float[] hi, int hiOff, float[] lane, int laneOff, float[] sums,
                       int sumsOff, float w) {
        int lanes = FLOATS.length();
        int m = 1 << HI_BITS;
        FloatVector s = FloatVector.zero(FLOATS);
        FloatVector h0 = s;
        FloatVector h1 = s;
        FloatVector h2 = s;
        FloatVector h3 = s;
        FloatVector h4 = s;
        for (int k = 0; k < m; k++) {
            FloatVector x = FloatVector.fromByteBuffer(FLOATS, a, start + k * lanes * Float.BYTES, ORDER);
            s = x.fma(FloatVector.broadcast(FLOATS, hi[hiOff + k]), s);
            h0 = x.fma(FloatVector.broadcast(FLOATS, hi[hiOff + m + k]), h0);
            h1 = x.fma(FloatVector.broadcast(FLOATS, hi[hiOff + 2 * m + k]), h1);
            h2 = x.fma(FloatVector.broadcast(FLOATS, hi[hiOff + 3 * m + k]), h2);
            h3 = x.fma(FloatVector.broadcast(FLOATS, hi[hiOff + 4 * m + k]), h3);
            h4 = x.fma(FloatVector.broadcast(FLOATS, hi[hiOff + 5 * m + k]), h4);
        }
        FloatVector wv = FloatVector.broadcast(FLOATS, w);
        s.fma(wv, FloatVector.fromArray(FLOATS, sums, sumsOff)).intoArray(sums, sumsOff);
        h0.fma(wv, FloatVector.fromArray(FLOATS, sums, sumsOff + lanes)).intoArray(sums, sumsOff + lanes);
        h1.fma(wv, FloatVector.fromArray(FLOATS, sums, sumsOff + 2 * lanes)).intoArray(sums, sumsOff + 2 * lanes);
        h2.fma(wv, FloatVector.fromArray(FLOATS, sums, sumsOff + 3 * lanes)).intoArray(sums, sumsOff + 3 * lanes);
        h3.fma(wv, FloatVector.fromArray(FLOATS, sums, sumsOff + 4 * lanes)).intoArray(sums, sumsOff + 4 * lanes);
        h4.fma(wv, FloatVector.fromArray(FLOATS, sums, sumsOff + 5 * lanes)).intoArray(sums, sumsOff + 5 * lanes);
        return VectorMath.sum(FloatVector.fromArray(FLOATS, lane, laneOff).mul(s));
    }

    /** dF/dp of the block's BITS bits from the token's summed S and H, into grad[gOff..+BITS). */
    static void lowerGradient(float[] sums, int sumsOff, float[] lane, int laneOff, double[] grad, int gOff) {
        int lanes = FLOATS.length();
        FloatVector s = FloatVector.fromArray(FLOATS, sums, sumsOff);
        FloatVector gLane = FloatVector.fromArray(FLOATS, lane, laneOff);
        for (int j = 0; j < LANE_BITS; j++) {
            grad[gOff + j] = VectorMath.sum(FloatVector.fromArray(FLOATS, lane, laneOff + (1 + j) * lanes).mul(s));
        }
        for (int j = 0; j < HI_BITS; j++) {
            grad[gOff + LANE_BITS + j] = VectorMath.sum(FloatVector.fromArray(FLOATS, sums, sumsOff + (1 + j) * lanes)
                    .mul(gLane));
        }
    }
}
