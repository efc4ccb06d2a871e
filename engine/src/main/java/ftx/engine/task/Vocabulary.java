package ftx.engine.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered set of single-{@code char} symbols; a symbol's token is its index in the order.
 * The synthetic task of Fleuret 2025, "The Free Transformer", section 4.1, uses
 * {@code _ABCDEFGHIJKLMNOPQRSTUVWXYZ!>} ({@link #synthetic()}).
 *
 * <p>Immutable and thread-safe. Two vocabularies are equal when their symbols are the same, in
 * the same order.
 */
public final class Vocabulary {
    /** Longest symbol string quoted in full in messages; longer ones are abbreviated. */
    private static final int QUOTE_LIMIT = 64;

    private static final Vocabulary SYNTHETIC = new Vocabulary(SyntheticTask.SYMBOLS);

    private final String symbols;
    private final Map<Character, Integer> indexOf;

    /**
     * @param symbols the symbols in token order; non-empty, each a distinct {@code char}
     * @throws IllegalArgumentException if empty or a symbol occurs twice (the message names it)
     */
    public Vocabulary(String symbols) {
        if (symbols == null || symbols.isEmpty()) {
            throw new IllegalArgumentException("a vocabulary needs at least one symbol");
        }
        Map<Character, Integer> map = new HashMap<>();
        for (int i = 0; i < symbols.length(); i++) {
            char c = symbols.charAt(i);
            Integer previous = map.putIfAbsent(c, i);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate symbol " + show(c)
                        + " at positions " + previous + " and " + i + " of vocabulary " + quote(symbols));
            }
        }
        this.symbols = symbols;
        this.indexOf = map;
    }

    /** The vocabulary of the synthetic task: {@code _}=0, {@code A}..{@code Z}=1..26, {@code !}=27, {@code >}=28. */
    public static Vocabulary synthetic() {
        return SYNTHETIC;
    }

    /** Number of symbols (= number of token values). */
    public int size() {
        return symbols.length();
    }

    /** All symbols in token order. */
    public String symbols() {
        return symbols;
    }

    /** The symbol of a token. */
    public char symbol(int index) {
        if (index < 0 || index >= symbols.length()) {
            throw new IllegalArgumentException("token " + index + " is outside the vocabulary (valid 0.."
                    + (symbols.length() - 1) + ")");
        }
        return symbols.charAt(index);
    }

    /** Whether {@code c} is a symbol of this vocabulary. */
    public boolean contains(char c) {
        return indexOf.containsKey(c);
    }

    /**
     * The token of a symbol.
     *
     * @throws UnknownSymbolException if {@code c} is not in the vocabulary (reported at position 0)
     */
    public int index(char c) {
        Integer i = indexOf.get(c);
        if (i == null) {
            throw new UnknownSymbolException("symbol " + show(c) + " is outside the vocabulary " + quote(symbols),
                    List.of(c), List.of(0));
        }
        return i;
    }

    /**
     * The tokens of a text, one per {@code char}.
     *
     * @throws UnknownSymbolException listing every unknown symbol with its first position
     */
    public int[] encode(String text) {
        int[] tokens = new int[text.length()];
        Map<Character, Integer> unknown = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Integer token = indexOf.get(c);
            if (token != null) {
                tokens[i] = token;
            } else {
                if (unknown == null) {
                    unknown = new LinkedHashMap<>();
                }
                unknown.putIfAbsent(c, i);
            }
        }
        if (unknown != null) {
            StringBuilder message = new StringBuilder("text has symbols outside the vocabulary ")
                    .append(quote(symbols)).append(": ");
            String separator = "";
            for (Map.Entry<Character, Integer> e : unknown.entrySet()) {
                message.append(separator).append(show(e.getKey())).append(" at ").append(e.getValue());
                separator = ", ";
            }
            throw new UnknownSymbolException(message.toString(),
                    new ArrayList<>(unknown.keySet()), new ArrayList<>(unknown.values()));
        }
        return tokens;
    }

    /**
     * The text of a token sequence.
     *
     * @throws IllegalArgumentException naming the first out-of-range token and its position
     */
    public String decode(int[] tokens) {
        StringBuilder text = new StringBuilder(tokens.length);
        for (int i = 0; i < tokens.length; i++) {
            int t = tokens[i];
            if (t < 0 || t >= symbols.length()) {
                throw new IllegalArgumentException("token " + t + " at position " + i
                        + " is outside the vocabulary (valid 0.." + (symbols.length() - 1) + ")");
            }
            text.append(symbols.charAt(t));
        }
        return text.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && v.symbols.equals(symbols);
    }

    @Override
    public int hashCode() {
        return symbols.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary" + quote(symbols);
    }

    /** A symbol for a message: {@code 'x'}, with control and special characters escaped. */
    static String show(char c) {
        return "'" + escape(c) + "'";
    }

    /** A symbol string for a message, quoted, escaped, abbreviated with … when long. */
    static String quote(String symbols) {
        StringBuilder b = new StringBuilder("\"");
        if (symbols.length() <= QUOTE_LIMIT) {
            symbols.chars().forEach(c -> b.append(escape((char) c)));
        } else {
            symbols.substring(0, QUOTE_LIMIT - 4).chars().forEach(c -> b.append(escape((char) c)));
            b.append('…');
            symbols.substring(symbols.length() - 3).chars().forEach(c -> b.append(escape((char) c)));
        }
        return b.append('"').toString();
    }

    private static String escape(char c) {
        switch (c) {
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\\': return "\\\\";
            case '"': return "\\\"";
            case '\'': return "\\'";
            default:
                if (Character.isISOControl(c) || Character.isSurrogate(c) || Character.isWhitespace(c) && c != ' ') {
                    return String.format("\\u%04X", (int) c);
                }
                return String.valueOf(c);
        }
    }
}
