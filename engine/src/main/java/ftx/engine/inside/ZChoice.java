package ftx.engine.inside;

import ftx.engine.util.Rng;
import java.util.Arrays;

/**
 * How the Inside view picks Z at every position of a sequence: the posterior's mode
 * ({@code most-likely}: bit h set where its probability is above 1/2), a draw from the encoder at
 * a seed ({@code sample}), or codes typed per position ({@code 3,0,255,...}, as {@code ftx score}
 * takes them).
 */
public record ZChoice(Kind kind, int[] codes) {
    public enum Kind { MOST_LIKELY, SAMPLE, CODES }

    public static final ZChoice MOST_LIKELY = new ZChoice(Kind.MOST_LIKELY, null);
    public static final ZChoice SAMPLE = new ZChoice(Kind.SAMPLE, null);

    /** "most-likely", "sample" or a comma-separated list of codes; IllegalArgumentException otherwise. */
    public static ZChoice parse(String text) {
        String s = text.trim();
        if (s.equals("most-likely")) {
            return MOST_LIKELY;
        }
        if (s.equals("sample")) {
            return SAMPLE;
        }
        try {
            return new ZChoice(Kind.CODES, Arrays.stream(s.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--z must be most-likely, sample or comma-separated codes, got \"" + text + "\"");
        }
    }

    /**
     * One code per position from the posterior's bit probabilities [T][H]; rng draws the sample.
     * Typed codes are checked: one per position, each in 0..2^H-1.
     */
    int[] choose(float[][] bits, int latentBits, Rng rng) {
        int t = bits.length;
        int[] z = new int[t];
        switch (kind) {
            case CODES -> {
                if (codes.length != t) {
                    throw new IllegalArgumentException("--z has " + codes.length + " codes; the sequence has " + t
                            + " positions (one code per symbol)");
                }
                for (int i = 0; i < t; i++) {
                    if (codes[i] < 0 || codes[i] >= 1 << latentBits) {
                        throw new IllegalArgumentException("Z code " + codes[i] + " at position " + i + " is outside 0.."
                                + ((1 << latentBits) - 1) + " (H = " + latentBits + ")");
                    }
                }
                return codes.clone();
            }
            case MOST_LIKELY -> {
                for (int i = 0; i < t; i++) {
                    for (int h = 0; h < latentBits; h++) {
                        z[i] |= bits[i][h] > 0.5f ? 1 << h : 0;
                    }
                }
            }
            default -> {
                for (int i = 0; i < t; i++) {
                    for (int h = 0; h < latentBits; h++) {
                        z[i] |= rng.nextDouble() < bits[i][h] ? 1 << h : 0;
                    }
                }
            }
        }
        return z;
    }

    /** The command line's word for it. */
    public String word() {
        return switch (kind) {
            case MOST_LIKELY -> "most-likely";
            case SAMPLE -> "sample";
            case CODES -> "codes";
        };
    }
}
