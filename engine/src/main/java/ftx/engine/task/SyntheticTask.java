package ftx.engine.task;

import ftx.engine.util.Rng;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The synthetic task of Fleuret 2025, "The Free Transformer", section 4.1. A sample picks a
 * letter {@code c} in A..Z and a start {@code s} in 0..56 uniformly; the body is 64 {@code _}
 * with positions {@code s..s+7} set to {@code c}; every body position independently becomes
 * {@code !} with probability 1/16 (inside the block too); the prompt {@code c>} is prepended,
 * for 66 tokens in all. The factors letter, start and noise positions are recorded (see
 * {@link SyntheticFactors}).
 *
 * <p>Draw order per sample, fixed for reproducibility: {@code letter = rng.nextInt(26)},
 * {@code start = rng.nextInt(57)}, then for body positions 0..63 in order, noise if
 * {@code rng.nextDouble() < 1/16}. Stateless and thread-safe (given distinct generators).
 */
public final class SyntheticTask implements Task {
    public static final String NAME = "synthetic";
    /** The vocabulary: {@code _}=0, {@code A}..{@code Z}=1..26, {@code !}=27, {@code >}=28. */
    public static final String SYMBOLS = "_ABCDEFGHIJKLMNOPQRSTUVWXYZ!>";
    public static final int BODY_LENGTH = 64;
    public static final int BLOCK_LENGTH = 8;
    public static final double NOISE_PROBABILITY = 1.0 / 16;
    public static final int PROMPT_LENGTH = 2;
    public static final int SEQUENCE_LENGTH = PROMPT_LENGTH + BODY_LENGTH;
    public static final int LETTERS = 26;
    /** Number of possible starts, 0..56. */
    public static final int STARTS = BODY_LENGTH - BLOCK_LENGTH + 1;

    public static final int BLANK = 0;
    public static final int NOISE = 27;
    public static final int PROMPT_END = 28;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Vocabulary vocabulary() {
        return Vocabulary.synthetic();
    }

    @Override
    public int sequenceLength() {
        return SEQUENCE_LENGTH;
    }

    @Override
    public int promptLength() {
        return PROMPT_LENGTH;
    }

    /** The token of a letter {@code 'A'}..{@code 'Z'}. */
    public static int letterToken(char letter) {
        return 1 + (letter - 'A');
    }

    /** 0.289 nats: measured by SPEC section 4's independent implementation (start 4.04 + noise 14.96 nats, less what noise at a block edge hides, over 65 predictions). */
    @Override
    public double entropyFloor() {
        return 0.289;
    }

    @Override
    public Sample sample(Rng rng) {
        int letterIndex = rng.nextInt(LETTERS);
        int start = rng.nextInt(STARTS);
        char letter = (char) ('A' + letterIndex);
        int letterToken = 1 + letterIndex;

        int[] tokens = new int[SEQUENCE_LENGTH];
        tokens[0] = letterToken;
        tokens[1] = PROMPT_END;
        int[] noise = new int[BODY_LENGTH];
        int noiseCount = 0;
        for (int p = 0; p < BODY_LENGTH; p++) {
            boolean inBlock = p >= start && p < start + BLOCK_LENGTH;
            if (rng.nextDouble() < NOISE_PROBABILITY) {
                tokens[PROMPT_LENGTH + p] = NOISE;
                noise[noiseCount++] = p;
            } else {
                tokens[PROMPT_LENGTH + p] = inBlock ? letterToken : BLANK;
            }
        }
        SyntheticFactors factors = new SyntheticFactors(letter, start, Arrays.copyOf(noise, noiseCount));
        return new Sample(tokens, factors.toMap());
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", NAME);
        d.put("symbols", SYMBOLS);
        d.put("sequenceLength", SEQUENCE_LENGTH);
        d.put("promptLength", PROMPT_LENGTH);
        d.put("bodyLength", BODY_LENGTH);
        d.put("blockLength", BLOCK_LENGTH);
        d.put("noiseProbability", NOISE_PROBABILITY);
        return Collections.unmodifiableMap(d);
    }

    @Override
    public String toString() {
        return "SyntheticTask";
    }
}
