package ftx.app.generate;

import java.util.StringJoiner;

/**
 * The "Pinned Z" field: one latent index per input position, comma separated, -1 (or an empty
 * entry at the end) meaning free. Checked like {@code ModelHandle.parseZ}, with -1 allowed.
 */
public final class PinnedZ {
    private PinnedZ() {
    }

    /**
     * Parses the field.
     *
     * @param text   e.g. "-1,-1,17,3" (blank = nothing pinned)
     * @param codes  2^H of the model
     * @param inputs input positions of a generated sequence (prompt + new symbols - 1)
     * @return one entry per listed position, -1 = free (may be shorter than inputs)
     * @throws IllegalArgumentException naming the bad entry
     */
    public static int[] parse(String text, int codes, int inputs) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            return new int[0];
        }
        String[] parts = t.split(",", -1);
        if (parts.length > inputs) {
            throw new IllegalArgumentException("Pinned Z lists " + parts.length + " positions, a sequence has only " + inputs
                    + " input positions (prompt + new symbols - 1)");
        }
        int[] z = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty()) {
                z[i] = -1;
                continue;
            }
            try {
                z[i] = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Pinned Z entry " + i + " is not a whole number: \"" + p + "\"");
            }
            if (z[i] < -1 || z[i] >= codes) {
                throw new IllegalArgumentException("Pinned Z entry " + i + " = " + z[i] + " is outside -1.." + (codes - 1)
                        + " (-1 = free, H = " + Integer.numberOfTrailingZeros(codes) + ")");
            }
        }
        return z;
    }

    /** The field's text for a list of indices. */
    public static String format(int[] z) {
        StringJoiner j = new StringJoiner(",");
        for (int v : z) {
            j.add(Integer.toString(v));
        }
        return j.toString();
    }

    /** How many entries pin a code (are not -1). */
    public static int count(int[] z) {
        int n = 0;
        for (int v : z) {
            n += v >= 0 ? 1 : 0;
        }
        return n;
    }
}
