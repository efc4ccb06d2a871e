package ftx.engine.util;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Lane-wise math shared by the SIMD kernels (loaded only behind {@link Simd#applies}). */
public final class VectorMath {
    /** The widest float vector of this CPU (16 lanes with AVX-512). */
    public static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONES = FloatVector.broadcast(FLOATS, 1f);

    private VectorMath() {
    }

    /** 1 / (1 + exp(-x)), lane-wise. */
    public static FloatVector sigmoid(FloatVector x) {
        return ONES.div(x.neg().lanewise(VectorOperators.EXP).add(1f));
    }
}
