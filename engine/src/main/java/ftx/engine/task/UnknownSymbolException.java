package ftx.engine.task;

import java.util.List;

/**
 * Thrown when a text or a symbol is not expressible in a {@link Vocabulary}. Lists every
 * distinct unknown symbol once, with the position of its first occurrence, so a user can fix
 * a prompt in one go.
 */
public final class UnknownSymbolException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<Character> symbols;
    private final List<Integer> positions;

    /**
     * @param message   the full message
     * @param symbols   the distinct unknown symbols, in order of first occurrence
     * @param positions the position of each symbol's first occurrence (same length as symbols)
     */
    public UnknownSymbolException(String message, List<Character> symbols, List<Integer> positions) {
        super(message);
        if (symbols.size() != positions.size()) {
            throw new IllegalArgumentException(
                    "symbols and positions differ in length: " + symbols.size() + " vs " + positions.size());
        }
        this.symbols = List.copyOf(symbols);
        this.positions = List.copyOf(positions);
    }

    /** The distinct unknown symbols, in order of first occurrence. */
    public List<Character> symbols() {
        return symbols;
    }

    /** The position of each unknown symbol's first occurrence, parallel to {@link #symbols()}. */
    public List<Integer> positions() {
        return positions;
    }
}
