package ftx.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    @Test
    void expIsWithinAFewUlpsOfMathExpOverTheRangeSoftmaxAndSigmoidUse() {
        int lanes = VectorMath.FLOATS.length();
        float[] x = new float[lanes];
        float[] y = new float[lanes];
        double worst = 0;
        for (int i = 0; i < 200_000; i += lanes) {
            for (int l = 0; l < lanes; l++) {
                x[l] = -87f + 175f * (i + l) / 200_000f;
            }
            VectorMath.exp(FloatVector.fromArray(VectorMath.FLOATS, x, 0)).intoArray(y, 0);
            for (int l = 0; l < lanes; l++) {
                double e = Math.exp(x[l]);
                worst = Math.max(worst, Math.abs(y[l] - e) / e);
            }
        }
        assertTrue(worst < 3e-7, "worst relative error " + worst);
        VectorMath.exp(FloatVector.broadcast(VectorMath.FLOATS, -1000f)).intoArray(y, 0);
        assertTrue(y[0] > 0 && y[0] < 1e-37, "clamped below: " + y[0]);
    }

    @Test
    void sigmoidIsExactAtZeroAndLaneSumsFollowOneFixedTree() {
        int lanes = VectorMath.FLOATS.length();
        float[] y = new float[lanes];
        VectorMath.sigmoid(FloatVector.zero(VectorMath.FLOATS)).intoArray(y, 0);
        assertEquals(0.5f, y[0]);
        java.util.Random r = new java.util.Random(3);
        for (int trial = 0; trial < 100; trial++) {
            float[] x = new float[lanes];
            for (int i = 0; i < lanes; i++) {
                x[i] = (float) (r.nextGaussian() * Math.pow(10, r.nextInt(8))); // magnitudes that round differently by order
            }
            float[] s = x.clone(); // the same rotations in scalars: s_i += s_(i + by) for by = lanes/2, lanes/4, .., 1
            for (int by = lanes / 2; by >= 1; by /= 2) {
                float[] t = s.clone();
                for (int i = 0; i < lanes; i++) {
                    s[i] = t[i] + t[(i + by) % lanes];
                }
            }
            assertEquals(s[0], VectorMath.sum(FloatVector.fromArray(VectorMath.FLOATS, x, 0)), 0f);
        }
    }
}
