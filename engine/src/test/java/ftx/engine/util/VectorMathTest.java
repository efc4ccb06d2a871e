package ftx.engine.util;

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
    void sigmoidAndLaneSumsAreExact() {
        float[] y = new float[VectorMath.FLOATS.length()];
        VectorMath.sigmoid(FloatVector.zero(VectorMath.FLOATS)).intoArray(y, 0);
        assertEquals(0.5f, y[0]);
        float[] x = new float[VectorMath.FLOATS.length()];
        float expected = 0f;
        for (int i = 0; i < x.length; i++) {
            x[i] = i == 0 ? 1e8f : 1f; // lane order: 1e8 + 1 + 1 ... rounds every 1 away
            expected += x[i];
        }
        assertEquals(expected, VectorMath.sum(FloatVector.fromArray(VectorMath.FLOATS, x, 0)));
    }
}
