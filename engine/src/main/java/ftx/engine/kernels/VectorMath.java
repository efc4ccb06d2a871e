package ftx.engine.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Lane-wise math shared by the SIMD kernels (loaded only behind {@link Simd#applies}), written
 * with exactly rounded lane operations only, so that a run gives the same numbers whether a
 * kernel runs compiled or not yet: the Vector API's own EXP and float reduceLanes(ADD) round
 * differently in the intrinsic (SVML, tree order) and in its Java fallback (Math.exp, lane
 * order), which made two runs of the same seed differ in the 7th digit after a few steps.
 */
public final class VectorMath {
    /** The widest float vector of this CPU (16 lanes with AVX-512). */
    public static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONES = FloatVector.broadcast(FLOATS, 1f);
    private static final int LANES = FLOATS.length(); // 2 to 16 floats
    private static final VectorShuffle<Float> ROTATE_HALF = rotation(LANES / 2);
    private static final VectorShuffle<Float> ROTATE_QUARTER = rotation(LANES / 4);
    private static final VectorShuffle<Float> ROTATE_EIGHTH = rotation(LANES / 8);
    private static final VectorShuffle<Float> ROTATE_SIXTEENTH = rotation(LANES / 16);
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HIGH = 0.693359375f; // ln 2 split in two (Cody and Waite)
    private static final float LN2_LOW = -2.12194440e-4f;
    private static final float ROUND = 12582912f; // 1.5 * 2^23: adding it rounds to an integer in the low bits
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);

    private VectorMath() {
    }

    /** 1 / (1 + exp(-x)), lane-wise. */
    public static FloatVector sigmoid(FloatVector x) {
        return ONES.div(exp(x.neg()).add(1f));
    }

    /**
     * exp(x), lane-wise, for x in [-87, 88] (clamped there): x = n ln 2 + r with |r| <= ln 2 / 2,
     * exp(r) by the degree-7 polynomial of Cephes' expf, times 2^n built in the exponent bits.
     * Relative error about 1e-7.
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector v = x.max(-87f).min(88f);
        FloatVector m = v.mul(LOG2E).add(ROUND); // n in the low mantissa bits
        FloatVector n = m.sub(ROUND);
        FloatVector r = v.sub(n.mul(LN2_HIGH)).sub(n.mul(LN2_LOW));
        FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f);
        p = p.mul(r).add(8.3334519073e-3f);
        p = p.mul(r).add(4.1665795894e-2f);
        p = p.mul(r).add(1.6666665459e-1f);
        p = p.mul(r).add(5.0000001201e-1f);
        p = p.mul(r.mul(r)).add(r).add(1f);
        IntVector bits = m.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(bits.reinterpretAsFloats());
    }

    /**
     * a[i] = exp((a[i] - shift) * scale) for i in [from, to), a whole number of vectors. A loop of
     * its own over an array: called inside a large kernel, {@link #exp} was left out of line by
     * HotSpot's inlining budget and every vector crossing the call was allocated.
     */
    public static void expInPlace(float[] a, int from, int to, float shift, float scale) {
        for (int i = from; i < to; i += LANES) {
            exp(FloatVector.fromArray(FLOATS, a, i).sub(shift).mul(scale)).intoArray(a, i);
        }
    }

    /**
     * The sum of the lanes in one fixed order (see the class comment): add the vector rotated by
     * half its lanes, then by a quarter, and so on (exact lane operations, no allocation).
     */
    public static float sum(FloatVector v) {
        FloatVector s = v.add(v.rearrange(ROTATE_HALF));
        if (LANES >= 4) {
            s = s.add(s.rearrange(ROTATE_QUARTER));
        }
        if (LANES >= 8) {
            s = s.add(s.rearrange(ROTATE_EIGHTH));
        }
        if (LANES >= 16) {
            s = s.add(s.rearrange(ROTATE_SIXTEENTH));
        }
        return s.lane(0);
    }

    private static VectorShuffle<Float> rotation(int by) {
        return VectorShuffle.fromOp(FLOATS, i -> (i + Math.max(1, by)) % LANES);
    }
}
