package ftx.engine.task;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The known generative factors of a synthetic sample (Fleuret 2025, "The Free Transformer",
 * section 4.1): the letter of the block, the body position where the block starts, and the
 * sorted body positions (0..63) replaced by the noise symbol {@code !}.
 *
 * @param letter the block letter, {@code 'A'}..{@code 'Z'}
 * @param start  the first body position of the block, 0..56
 * @param noise  the sorted, distinct body positions turned into {@code !}
 */
public record SyntheticFactors(char letter, int start, int[] noise) {
    /** Factor names used in {@link Sample#factors()}. */
    public static final String LETTER = "letter";
    public static final String START = "start";
    public static final String NOISE = "noise";

    public SyntheticFactors {
        if (letter < 'A' || letter > 'Z') {
            throw new IllegalArgumentException("letter must be A..Z, got '" + letter + "'");
        }
        int maxStart = SyntheticTask.BODY_LENGTH - SyntheticTask.BLOCK_LENGTH;
        if (start < 0 || start > maxStart) {
            throw new IllegalArgumentException("start must be 0.." + maxStart + ", got " + start);
        }
        Objects.requireNonNull(noise, "noise");
        noise = noise.clone();
        for (int i = 0; i < noise.length; i++) {
            if (noise[i] < 0 || noise[i] >= SyntheticTask.BODY_LENGTH || i > 0 && noise[i] <= noise[i - 1]) {
                throw new IllegalArgumentException("noise must be sorted distinct body positions 0.."
                        + (SyntheticTask.BODY_LENGTH - 1) + ", got " + Arrays.toString(noise));
            }
        }
    }

    /**
     * Reads the factors of a sample drawn by {@link SyntheticTask}.
     *
     * @throws IllegalArgumentException if a factor is missing or of the wrong type
     */
    public static SyntheticFactors of(Sample sample) {
        Map<String, Object> f = sample.factors();
        return new SyntheticFactors(get(f, LETTER, Character.class), get(f, START, Integer.class),
                get(f, NOISE, int[].class));
    }

    /** A copy of the noise positions. */
    @Override
    public int[] noise() {
        return noise.clone();
    }

    /** Whether body position {@code position} is noise. */
    public boolean isNoise(int position) {
        return Arrays.binarySearch(noise, position) >= 0;
    }

    /** Whether body position {@code position} lies in the letter block. */
    public boolean inBlock(int position) {
        return position >= start && position < start + SyntheticTask.BLOCK_LENGTH;
    }

    /** The factor map stored in a {@link Sample}: {@code letter}, {@code start}, {@code noise}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(LETTER, letter);
        m.put(START, start);
        m.put(NOISE, noise.clone());
        return m;
    }

    private static <T> T get(Map<String, Object> factors, String name, Class<T> type) {
        Object value = factors.get(name);
        if (value == null) {
            throw new IllegalArgumentException("sample has no factor \"" + name + "\" (factors: "
                    + factors.keySet() + "); was it drawn by the synthetic task?");
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("factor \"" + name + "\" is a " + value.getClass().getSimpleName()
                    + ", expected " + type.getSimpleName());
        }
        return type.cast(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyntheticFactors s && s.letter == letter && s.start == start
                && Arrays.equals(s.noise, noise);
    }

    @Override
    public int hashCode() {
        return (letter * 31 + start) * 31 + Arrays.hashCode(noise);
    }

    @Override
    public String toString() {
        return "SyntheticFactors[letter=" + letter + ", start=" + start + ", noise=" + Arrays.toString(noise) + "]";
    }
}
