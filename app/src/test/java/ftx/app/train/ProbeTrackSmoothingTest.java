package ftx.app.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbeTrackSmoothingTest {
    @Test
    void theTrendIsTheTrailingMeanOfFiveProbesWithItsStandardError() {
        double[] jumpy = {0.25, 0.78, 0.42, 0.60, 0.55, 0.70, 0.65};
        double[] m = ProbeTrack.smoothed(jumpy);
        assertEquals(0.25, m[0], 1e-12);
        assertEquals((0.25 + 0.78) / 2, m[1], 1e-12);
        assertEquals((0.25 + 0.78 + 0.42 + 0.60 + 0.55) / 5, m[4], 1e-12);
        assertEquals((0.42 + 0.60 + 0.55 + 0.70 + 0.65) / 5, m[6], 1e-12, "a window of five");
        double[] se = ProbeTrack.standardError(jumpy);
        assertEquals(0, se[0], 0, "one reading: no band");
        double mean = m[6];
        double ss = 0;
        for (int j = 2; j <= 6; j++) {
            ss += (jumpy[j] - mean) * (jumpy[j] - mean);
        }
        assertEquals(Math.sqrt(ss / 4) / Math.sqrt(5), se[6], 1e-12);
        double rawJump = 0;
        double smoothJump = 0;
        for (int i = 1; i < jumpy.length; i++) {
            rawJump = Math.max(rawJump, Math.abs(jumpy[i] - jumpy[i - 1]));
            if (i >= 2) { // once the mean holds more than two probes
                smoothJump = Math.max(smoothJump, Math.abs(m[i] - m[i - 1]));
            }
        }
        assertTrue(smoothJump < rawJump / 4, "the issue's 0.25 -> 0.78 -> 0.42 reads as a trend: " + smoothJump);
        assertArrayEquals(new double[0], ProbeTrack.smoothed(new double[0]));
    }
}
