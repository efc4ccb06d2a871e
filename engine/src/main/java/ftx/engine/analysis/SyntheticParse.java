package ftx.engine.analysis;

import ftx.engine.task.SyntheticTask;
import ftx.engine.task.Vocabulary;
import java.util.Arrays;

/**
 * Reads one sequence of the synthetic task (Fleuret 2025, "The Free Transformer", section 4.1;
 * SPEC section 4) back into its factors: whether it is well formed, where its block starts and
 * where the noise is. Pure logic on token indices of {@link Vocabulary#synthetic()}.
 *
 * <p>The rule, applied in this order (the first failure is the {@link #reason()}):
 * <ol>
 *   <li>the sequence has 66 symbols (prompt {@code c>} + 64 body symbols);</li>
 *   <li>the prompt is a letter {@code c} in A..Z followed by {@code >};</li>
 *   <li>every body symbol is {@code _}, {@code !} or {@code c} (another letter or a {@code >}
 *       makes it malformed);</li>
 *   <li>at least one {@code c} is present (a block entirely replaced by noise, probability
 *       16^-8 under the task, cannot be located and counts as malformed);</li>
 *   <li>some window of 8 consecutive body positions contains every {@code c} and nothing but
 *       {@code c} and {@code !} (the noise may replace block letters, never a {@code _} inside
 *       the block). Such a window is a <em>consistent</em> start. No consistent window means two
 *       blocks, a block longer than 8, scattered letters, a {@code _} gap, or a block shorter
 *       than 8 that {@code !}s cannot complete.</li>
 * </ol>
 * The consistent starts form one contiguous range; it has more than one member only when a
 * block end is noise and the outside neighbour on the other side is noise too (for example
 * {@code _!CCCCCCC!_}, probability about 2/256 under the task). The reported {@link #start()}
 * is then the <strong>earliest</strong> consistent start, and {@link #startChoices()} says how
 * many there were (1 = unambiguous).
 *
 * @param wellFormed   whether the rule above holds
 * @param start        the block's first body position (0..56), the earliest consistent one; -1
 *                     when malformed
 * @param startChoices number of consistent starts (0 when malformed)
 * @param noise        sorted body positions (0..63) holding {@code !}, also in a malformed
 *                     sequence of the right length; empty when the length is wrong
 * @param reason       why the sequence is malformed; empty when well formed
 * @param flaw         the kind of that reason ({@link Flaw#NONE} when well formed), for counting
 */
public record SyntheticParse(boolean wellFormed, int start, int startChoices, int[] noise, String reason, Flaw flaw) {
    /** What makes a sequence malformed, one value per rule above. */
    public enum Flaw {
        NONE("well formed"),
        LENGTH("wrong length"),
        PROMPT("bad prompt"),
        FOREIGN_SYMBOL("another symbol"),
        NO_BLOCK("no block"),
        CUT_OFF("block started too late to fit"),
        SPAN("two blocks or too long"),
        GAP("'_' inside the block"),
        TOO_SHORT("block too short");

        /** Words for a table. */
        public final String words;

        Flaw(String words) {
            this.words = words;
        }
    }

    private static final Vocabulary VOCAB = Vocabulary.synthetic();
    private static final int P = SyntheticTask.PROMPT_LENGTH;
    private static final int BODY = SyntheticTask.BODY_LENGTH;
    private static final int BLOCK = SyntheticTask.BLOCK_LENGTH;

    public SyntheticParse {
        noise = noise.clone();
    }

    /** A copy of the noise positions. */
    @Override
    public int[] noise() {
        return noise.clone();
    }

    /** Parses a text over {@code _A..Z!>} (e.g. {@code "C>___CCCCCCCC___..."}). */
    public static SyntheticParse of(String text) {
        return of(VOCAB.encode(text));
    }

    /** Parses token indices of the synthetic vocabulary (prompt included). */
    public static SyntheticParse of(int[] tokens) {
        if (tokens.length != SyntheticTask.SEQUENCE_LENGTH) {
            return malformed(new int[0], "the sequence has " + tokens.length + " symbols, expected "
                    + SyntheticTask.SEQUENCE_LENGTH, Flaw.LENGTH);
        }
        int letter = tokens[0];
        int[] noise = noisePositions(tokens);
        if (!isLetter(letter)) {
            return malformed(noise, "the prompt starts with " + show(letter) + ", not a letter A..Z", Flaw.PROMPT);
        }
        if (tokens[1] != SyntheticTask.PROMPT_END) {
            return malformed(noise, "the prompt's second symbol is " + show(tokens[1]) + ", not '>'", Flaw.PROMPT);
        }
        String c = show(letter);
        int first = -1;
        int last = -1;
        for (int p = 0; p < BODY; p++) {
            int t = tokens[P + p];
            if (t == letter) {
                first = first < 0 ? p : first;
                last = p;
            } else if (t != SyntheticTask.BLANK && t != SyntheticTask.NOISE) {
                return malformed(noise, "body position " + p + " holds " + show(t) + "; only '_', '!' and the prompt's "
                        + c + " may appear", Flaw.FOREIGN_SYMBOL);
            }
        }
        if (first < 0) {
            return malformed(noise, "the body has no " + c + " (no block)", Flaw.NO_BLOCK);
        }
        if (last - first + 1 > BLOCK) {
            return malformed(noise, "the " + c + "s span body positions " + first + ".." + last + " (" + (last - first + 1)
                    + " > " + BLOCK + "): two blocks, a block longer than " + BLOCK + " or scattered letters", Flaw.SPAN);
        }
        for (int p = first; p <= last; p++) {
            if (tokens[P + p] == SyntheticTask.BLANK) {
                return malformed(noise, "'_' at body position " + p + " inside the " + c + "s at " + first + ".." + last, Flaw.GAP);
            }
        }
        int start = -1;
        int choices = 0;
        for (int s = Math.max(0, last - BLOCK + 1); s <= Math.min(BODY - BLOCK, first); s++) {
            if (onlyBlockSymbols(tokens, s)) {
                start = start < 0 ? s : start;
                choices++;
            }
        }
        if (start < 0) {
            if (first > BODY - BLOCK) {
                return malformed(noise, "the " + c + "s begin at body position " + first + ", after the last start "
                        + (BODY - BLOCK) + " where a block of " + BLOCK + " fits: the block started too late", Flaw.CUT_OFF);
            }
            return malformed(noise, "the " + c + "s at " + first + ".." + last + " cannot be completed to a block of "
                    + BLOCK + " by '!'s: the block is too short", Flaw.TOO_SHORT);
        }
        return new SyntheticParse(true, start, choices, noise, "", Flaw.NONE);
    }

    /** Whether body positions s..s+7 hold only letters or noise (the letters were checked to be the prompt's). */
    private static boolean onlyBlockSymbols(int[] tokens, int s) {
        for (int p = s; p < s + BLOCK; p++) {
            if (tokens[P + p] == SyntheticTask.BLANK) {
                return false;
            }
        }
        return true;
    }

    private static int[] noisePositions(int[] tokens) {
        int[] out = new int[BODY];
        int n = 0;
        for (int p = 0; p < BODY; p++) {
            if (tokens[P + p] == SyntheticTask.NOISE) {
                out[n++] = p;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean isLetter(int token) {
        return token >= 1 && token <= SyntheticTask.LETTERS;
    }

    private static SyntheticParse malformed(int[] noise, String reason, Flaw flaw) {
        return new SyntheticParse(false, -1, 0, noise, reason, flaw);
    }

    private static String show(int token) {
        return token >= 0 && token < VOCAB.size() ? "'" + VOCAB.symbol(token) + "'" : "token " + token;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SyntheticParse s && s.wellFormed == wellFormed && s.start == start
                && s.startChoices == startChoices && Arrays.equals(s.noise, noise) && s.reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return ((Boolean.hashCode(wellFormed) * 31 + start) * 31 + startChoices) * 31 + Arrays.hashCode(noise);
    }

    @Override
    public String toString() {
        return wellFormed ? "SyntheticParse[start=" + start + (startChoices > 1 ? " (of " + startChoices + ")" : "")
                + ", noise=" + Arrays.toString(noise) + "]" : "SyntheticParse[malformed: " + reason + "]";
    }
}
