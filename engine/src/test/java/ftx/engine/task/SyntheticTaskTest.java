package ftx.engine.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.util.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticTaskTest {
    private static final int N = 10_000;
    private final SyntheticTask task = new SyntheticTask();

    @Test
    void shapeAndConstants() {
        assertEquals("synthetic", task.name());
        assertEquals(66, task.sequenceLength());
        assertEquals(2, task.promptLength());
        assertEquals(64, SyntheticTask.BODY_LENGTH);
        assertEquals(8, SyntheticTask.BLOCK_LENGTH);
        assertEquals(1.0 / 16, SyntheticTask.NOISE_PROBABILITY);
        assertEquals(Vocabulary.synthetic(), task.vocabulary());
    }

    @Test
    void everySampleIsPromptThenBlockBodyWithNoiseExactlyAtRecordedPositions() {
        Rng rng = new Rng(1);
        Vocabulary v = task.vocabulary();
        for (int i = 0; i < N; i++) {
            Sample sample = task.sample(rng);
            SyntheticFactors f = SyntheticFactors.of(sample);
            String text = v.decode(sample.tokens());
            assertEquals(66, text.length());
            assertEquals("" + f.letter() + '>', text.substring(0, 2), text);
            assertTrue(f.start() >= 0 && f.start() <= 56, text);
            String body = text.substring(2);
            int[] noise = f.noise();
            for (int k = 1; k < noise.length; k++) {
                assertTrue(noise[k - 1] < noise[k], "noise positions sorted and distinct");
            }
            StringBuilder expected = new StringBuilder("_".repeat(64));
            for (int p = f.start(); p < f.start() + 8; p++) {
                expected.setCharAt(p, f.letter());
            }
            for (int p : noise) {
                expected.setCharAt(p, '!');
            }
            assertEquals(expected.toString(), body, "sample " + i);
        }
    }

    @Test
    void lettersAndStartsCoverTheirRangesRoughlyUniformly() {
        Rng rng = new Rng(2);
        int[] letters = new int[26];
        int[] starts = new int[57];
        for (int i = 0; i < N; i++) {
            SyntheticFactors f = SyntheticFactors.of(task.sample(rng));
            letters[f.letter() - 'A']++;
            starts[f.start()]++;
        }
        assertWithinBounds(letters, N);
        assertWithinBounds(starts, N);
    }

    /** Every count is positive and within 5 standard deviations of its expectation. */
    private static void assertWithinBounds(int[] counts, int n) {
        double p = 1.0 / counts.length;
        double mean = n * p;
        double sd = Math.sqrt(n * p * (1 - p));
        for (int i = 0; i < counts.length; i++) {
            assertTrue(counts[i] > 0, "value " + i + " never drawn");
            assertTrue(Math.abs(counts[i] - mean) < 5 * sd, "value " + i + " drawn " + counts[i] + " times");
        }
    }

    @Test
    void noiseRateIsOneSixteenthInsideAndOutsideTheBlock() {
        Rng rng = new Rng(3);
        long noise = 0;
        long noiseInBlock = 0;
        for (int i = 0; i < N; i++) {
            SyntheticFactors f = SyntheticFactors.of(task.sample(rng));
            for (int p : f.noise()) {
                noise++;
                if (f.inBlock(p)) {
                    noiseInBlock++;
                }
            }
        }
        assertNearRate(noise, (long) N * 64, 1.0 / 16);
        assertNearRate(noiseInBlock, (long) N * 8, 1.0 / 16);
    }

    private static void assertNearRate(long hits, long trials, double p) {
        double sd = Math.sqrt(trials * p * (1 - p));
        assertTrue(Math.abs(hits - trials * p) < 5 * sd,
                hits + " of " + trials + " is not near rate " + p);
    }

    @Test
    void sameSeedGivesSameSamplesAndDifferentSeedsDiffer() {
        List<Sample> a = draw(new Rng(42), 100);
        List<Sample> b = draw(new Rng(42), 100);
        assertEquals(a, b);
        assertNotEquals(a, draw(new Rng(43), 100));
        assertArrayEquals(task.batch(new Rng(7), 20), task.batch(new Rng(7), 20));
    }

    private List<Sample> draw(Rng rng, int n) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(task.sample(rng));
        }
        return samples;
    }

    @Test
    void drawOrderIsLetterThenStartThenSixtyFourNoiseDraws() {
        Rng rng = new Rng(99);
        Rng twin = new Rng(99);
        for (int i = 0; i < 50; i++) {
            SyntheticFactors f = SyntheticFactors.of(task.sample(rng));
            assertEquals((char) ('A' + twin.nextInt(26)), f.letter());
            assertEquals(twin.nextInt(57), f.start());
            List<Integer> noise = new ArrayList<>();
            for (int p = 0; p < 64; p++) {
                if (twin.nextDouble() < 1.0 / 16) {
                    noise.add(p);
                }
            }
            assertArrayEquals(noise.stream().mapToInt(Integer::intValue).toArray(), f.noise());
        }
        assertEquals(twin.state(), rng.state(), "no extra draws");
    }

    @Test
    void batchHasOneRowPerSample() {
        Rng rng = new Rng(5);
        Rng twin = new Rng(5);
        int[][] batch = task.batch(rng, 8);
        assertEquals(8, batch.length);
        for (int[] row : batch) {
            assertEquals(66, row.length);
            assertArrayEquals(task.sample(twin).tokens(), row);
        }
        assertEquals(0, task.batch(rng, 0).length);
        assertThrows(IllegalArgumentException.class, () -> task.batch(rng, -1));
    }

    @Test
    void samplesAndFactorsCannotBeChanged() {
        Sample sample = task.sample(new Rng(6));
        int before = sample.token(0);
        sample.tokens()[0] = 99;
        assertEquals(before, sample.token(0));
        assertThrows(UnsupportedOperationException.class, () -> sample.factors().put("letter", 'B'));
        int[] noise = SyntheticFactors.of(sample).noise();
        if (noise.length > 0) {
            noise[0] = -5;
            assertNotEquals(-5, SyntheticFactors.of(sample).noise()[0]);
        }
        assertEquals(List.of("letter", "start", "noise"), List.copyOf(sample.factors().keySet()));
        assertTrue(sample.factors().get("letter") instanceof Character);
        assertTrue(sample.factors().get("start") instanceof Integer);
        assertTrue(sample.factors().get("noise") instanceof int[]);
    }

    @Test
    void factorsOfAForeignSampleAreRefused() {
        Sample plain = new Sample(new int[] {1, 2}, Map.of("offset", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SyntheticFactors.of(plain));
        assertTrue(e.getMessage().contains("letter"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SyntheticFactors('a', 0, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticFactors('A', 57, new int[0]));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticFactors('A', 0, new int[] {3, 3}));
        assertThrows(IllegalArgumentException.class, () -> new SyntheticFactors('A', 0, new int[] {64}));
    }

    @Test
    void describeNamesTheTask() {
        Map<String, Object> d = task.describe();
        assertEquals("synthetic", d.get("name"));
        assertEquals(66, d.get("sequenceLength"));
        assertEquals(SyntheticTask.SYMBOLS, d.get("symbols"));
    }
}
