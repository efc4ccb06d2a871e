package ftx.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.ModelHandle;
import ftx.engine.task.Sample;
import ftx.engine.task.SyntheticTask;
import ftx.engine.util.Rng;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bit dictionary's information: hand-made posteriors with known answers, and a count of sampled bits on a real model. */
class BitDictionaryTest {
    private static BitDictionary.Counts counts(int[] factor, float[] q) {
        BitDictionary.Counts c = new BitDictionary.Counts(2, 1);
        for (int i = 0; i < factor.length; i++) {
            c.add(factor[i], q, i);
        }
        return c;
    }

    private static double h(double p) {
        return -p * Math.log(p) - (1 - p) * Math.log(1 - p);
    }

    @Test
    void aBitThatIsTheFactorCarriesTheFactorsEntropyAndAnUnrelatedBitNothing() {
        int[] f = {1, 0, 0, 0, 1, 0, 0, 0}; // P(F = 1) = 1/4
        float[] same = {1, 0, 0, 0, 1, 0, 0, 0};
        assertEquals(h(0.25), counts(f, same).information()[0], 1e-9);
        assertEquals(h(0.25), counts(f, same).factorEntropy(), 1e-9);
        float[] coin = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
        assertEquals(0, counts(f, coin).information()[0], 1e-12, "a fair coin whatever the factor");
        int[] g = {1, 0, 1, 0, 0, 0, 0, 0};
        float[] unrelated = {0.9f, 0.9f, 0.1f, 0.1f, 0.9f, 0.9f, 0.1f, 0.1f}; // mean 0.5 for F = 1 and for F = 0
        assertEquals(0, counts(g, unrelated).information()[0], 1e-7);
    }

    @Test
    void aNoisyBitMatchesTheClosedForm() {
        // F uniform; the bit is 1 with probability 0.8 when F = 1 and 0.2 when F = 0: I = ln 2 - h(0.2)
        int[] f = {0, 1};
        float[] q = {0.2f, 0.8f};
        assertEquals(Math.log(2) - h(0.2), counts(f, q).information()[0], 1e-6);
    }

    @Test
    void theOneBitModelsDictionaryAgreesWithACountOfSampledBitsAndNamesOneBitFarAboveTheOthers() throws Exception {
        ModelHandle m = ModelHandle.open(Path.of("../sample-models/synthetic-kappa-1-bit"));
        SyntheticTask task = new SyntheticTask();
        int n = 200;
        BitDictionary.Report r = BitDictionary.measure(m.model(), task, n, new Rng(11));
        List<String> names = r.factors();
        assertEquals(List.of(PositionFactors.START_NEXT, PositionFactors.STARTED, PositionFactors.NOISE_NEXT,
                PositionFactors.LETTER), names.subList(0, 4));
        assertTrue(names.get(4).startsWith("noise at t+"), "the best of the noise-ahead family: " + names);

        // independent count: draw Z from the posterior sequence by sequence and count bit/factor pairs
        int start = names.indexOf(PositionFactors.START_NEXT);
        int ahead = Integer.parseInt(names.get(4).substring("noise at t+".length()));
        int h = m.model().config().latentBits();
        long[][][] startCount = new long[h][2][2];
        long[][][] aheadCount = new long[h][2][2];
        Rng draw = new Rng(11);
        for (int i = 0; i < n; i++) {
            Sample s = task.sample(draw);
            int[] in = Arrays.copyOf(s.tokens(), SyntheticTask.SEQUENCE_LENGTH - 1);
            List<PositionCode> codes = LatentAnalysis.encode(m.model(), in, draw);
            var factors = ftx.engine.task.SyntheticFactors.of(s);
            for (int t = 1; t < in.length; t++) {
                int fs = factors.start() == t - 1 ? 1 : 0;
                int fa = factors.isNoise(t + ahead - 2) ? 1 : 0;
                for (int b = 0; b < h; b++) {
                    int bit = codes.get(t).sampledZ() >> b & 1;
                    startCount[b][fs][bit]++;
                    aheadCount[b][fa][bit]++;
                }
            }
        }
        for (int b = 0; b < h; b++) {
            assertEquals(plugIn(startCount[b]), r.information()[start][b], 0.006, "bit " + b + ", block starts next");
            assertEquals(plugIn(aheadCount[b]), r.information()[4][b], 0.008, "bit " + b + ", " + names.get(4));
        }
        int best = r.bestBit(4);
        for (int b = 0; b < h; b++) {
            if (b != best) {
                assertTrue(r.information()[4][best] > 5 * r.information()[4][b] + 0.02,
                        "bit " + best + " tells far more about " + names.get(4) + " than bit " + b + ": "
                                + Arrays.toString(r.information()[4]));
            }
        }
    }

    /** Plug-in mutual information of a 2 x 2 table of counts [factor][bit], nats. */
    private static double plugIn(long[][] c) {
        double n = c[0][0] + c[0][1] + c[1][0] + c[1][1];
        double mi = 0;
        for (int f = 0; f < 2; f++) {
            for (int b = 0; b < 2; b++) {
                double p = c[f][b] / n;
                double pf = (c[f][0] + c[f][1]) / n;
                double pb = (c[0][b] + c[1][b]) / n;
                mi += p > 0 ? p * Math.log(p / (pf * pb)) : 0;
            }
        }
        return mi;
    }
}
