package ftx.engine.task;

import ftx.engine.util.MemoryBudget;
import ftx.engine.util.Rng;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A character-level text task: each sample is a uniformly random window of
 * {@link #sequenceLength()} consecutive characters of a text, its first character acting as the
 * prompt. The vocabulary is the sorted distinct characters ({@code char}s; a character outside
 * the Basic Multilingual Plane counts as two) of the text, at most {@value #MAX_SYMBOLS}.
 * The factor {@code offset} records where the window starts.
 *
 * <p>One draw per sample: {@code offset = rng.nextInt(textLength - sequenceLength + 1)}.
 */
public final class CharTextTask implements Task {
    public static final int MAX_SYMBOLS = 256;
    /** Largest text file taken as a task (it is held whole, with one int per character). */
    public static final long MAX_TEXT_BYTES = 256L << 20;
    public static final String OFFSET = "offset";

    private final String name;
    private final String text;
    private final int sequenceLength;
    private final Vocabulary vocabulary;
    private final int[] encoded;
    private final String source;

    /**
     * @param name           the task name, non-blank
     * @param text           the text; at least {@code sequenceLength + 1} chars, at most
     *                       {@value #MAX_SYMBOLS} distinct ones
     * @param sequenceLength window length, at least 2
     */
    public CharTextTask(String name, String text, int sequenceLength) {
        this(name, text, sequenceLength, null);
    }

    private CharTextTask(String name, String text, int sequenceLength, String source) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a text task needs a non-blank name");
        }
        if (sequenceLength < 2) {
            throw new IllegalArgumentException("sequence length must be at least 2, got " + sequenceLength);
        }
        if (text.length() < sequenceLength + 1) {
            throw new IllegalArgumentException("text \"" + name + "\" has " + text.length()
                    + " characters; sequence length " + sequenceLength + " needs at least " + (sequenceLength + 1));
        }
        StringBuilder distinct = new StringBuilder();
        text.chars().distinct().sorted().forEach(c -> distinct.append((char) c));
        if (distinct.length() > MAX_SYMBOLS) {
            throw new IllegalArgumentException("text \"" + name + "\" has " + distinct.length()
                    + " distinct characters; at most " + MAX_SYMBOLS + " are supported");
        }
        this.name = name;
        this.text = text;
        this.sequenceLength = sequenceLength;
        this.vocabulary = new Vocabulary(distinct.toString());
        this.encoded = vocabulary.encode(text);
        this.source = source;
    }

    /**
     * Reads a UTF-8 text file (a leading byte-order mark is dropped); the task is named after
     * the file.
     *
     * @throws UncheckedIOException     naming the file if it cannot be read or is not UTF-8
     * @throws IllegalArgumentException if the text is unusable (see the constructor)
     */
    public static CharTextTask fromFile(Path file, int sequenceLength) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_TEXT_BYTES) {
                throw new IllegalArgumentException("text file " + file + " has " + (size >> 20) + " MiB; a text task takes at most "
                        + (MAX_TEXT_BYTES >> 20) + " MiB (cut it, e.g. head -c 100M)");
            }
            String tooBig = MemoryBudget.heapProblem(size * 8, "the " + (size >> 20) + " MiB of " + file + " as a task");
            if (tooBig != null) {
                throw new IllegalArgumentException(tooBig);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read text file " + file + " as UTF-8: " + e, e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Path fileName = file.getFileName();
        String name = fileName == null ? file.toString() : fileName.toString();
        return new CharTextTask(name, text, sequenceLength, file.toString());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    @Override
    public int sequenceLength() {
        return sequenceLength;
    }

    /** The first character of a window is its prompt. */
    @Override
    public int promptLength() {
        return 1;
    }

    /** The whole text. */
    public String text() {
        return text;
    }

    /** Number of distinct windows, {@code textLength - sequenceLength + 1}. */
    public int windows() {
        return text.length() - sequenceLength + 1;
    }

    @Override
    public Sample sample(Rng rng) {
        int offset = rng.nextInt(windows());
        int[] tokens = new int[sequenceLength];
        System.arraycopy(encoded, offset, tokens, 0, sequenceLength);
        return new Sample(tokens, Map.of(OFFSET, offset));
    }

    /**
     * {@code {"name", "type": "char-text", "symbols", "sequenceLength", "promptLength",
     * "textLength", "source"?}}; {@code source} is the file path when read by {@link #fromFile}.
     */
    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("type", "char-text");
        d.put("symbols", vocabulary.symbols());
        d.put("sequenceLength", sequenceLength);
        d.put("promptLength", promptLength());
        d.put("textLength", text.length());
        if (source != null) {
            d.put("source", source);
        }
        return Collections.unmodifiableMap(d);
    }

    @Override
    public String toString() {
        return "CharTextTask[" + name + ", " + text.length() + " chars, " + vocabulary.size() + " symbols, window "
                + sequenceLength + "]";
    }
}
