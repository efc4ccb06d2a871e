package ftx.engine.task;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One training sequence and the known generative factors it was drawn from (for the synthetic
 * task of Fleuret 2025, section 4.1: {@code letter}, {@code start}, {@code noise}; see
 * {@link SyntheticFactors}).
 *
 * <p>The token array is copied in and out, so a sample cannot be changed after creation. The
 * factor map is unmodifiable, keeps insertion order and holds copies of any {@code int[]}
 * values; such arrays must not be modified by readers. Equality compares contents.
 *
 * @param tokens  the token sequence, prompt included
 * @param factors factor name to value (JSON-able: numbers, strings, characters, int arrays)
 */
public record Sample(int[] tokens, Map<String, Object> factors) {

    public Sample {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(factors, "factors");
        tokens = tokens.clone();
        Map<String, Object> copy = new LinkedHashMap<>();
        factors.forEach((name, value) -> {
            Objects.requireNonNull(name, "factor name");
            Objects.requireNonNull(value, () -> "factor " + name);
            copy.put(name, value instanceof int[] a ? a.clone() : value);
        });
        factors = Collections.unmodifiableMap(copy);
    }

    /** A sample without known factors. */
    public Sample(int[] tokens) {
        this(tokens, Map.of());
    }

    /** A copy of the token sequence. */
    @Override
    public int[] tokens() {
        return tokens.clone();
    }

    /** Number of tokens. */
    public int length() {
        return tokens.length;
    }

    /** The token at a position (no copy). */
    public int token(int position) {
        return tokens[position];
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Sample s) || !Arrays.equals(tokens, s.tokens)
                || !factors.keySet().equals(s.factors.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : factors.entrySet()) {
            if (!Objects.deepEquals(e.getValue(), s.factors.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(tokens);
        for (Map.Entry<String, Object> e : factors.entrySet()) {
            Object v = e.getValue();
            h += e.getKey().hashCode() ^ (v instanceof int[] a ? Arrays.hashCode(a) : v.hashCode());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Sample[tokens=").append(Arrays.toString(tokens)).append(", factors={");
        String separator = "";
        for (Map.Entry<String, Object> e : factors.entrySet()) {
            Object v = e.getValue();
            b.append(separator).append(e.getKey()).append('=')
                    .append(v instanceof int[] a ? Arrays.toString(a) : String.valueOf(v));
            separator = ", ";
        }
        return b.append("}]").toString();
    }
}
