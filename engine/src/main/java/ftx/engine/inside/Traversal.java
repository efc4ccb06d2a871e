package ftx.engine.inside;

import ftx.engine.decode.IncrementalDecoder;
import ftx.engine.model.FreeTransformer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Every code at one position t (the {@link #LIMIT} most probable under the posterior when H > 8),
 * each with the next-symbol distribution at t and the greedy continuation of k symbols; the codes
 * run side by side as the rows of one incremental decoder.
 * <ul>
 * <li>{@link #at}: the code at t alone, Z at the other positions as chosen (beyond the sequence's
 * end, where no Z was chosen, the traversed code). The whole sequence is decoded once per
 * sequence and copied into every row; a new position only rewinds the rows to t (restoring the
 * positions an earlier traversal overwrote), so moving t costs the k + 1 positions of the codes.</li>
 * <li>{@link #shared}: the code at every position 0..t, for decisions a model spreads over many
 * positions; each code decodes its own prefix.</li>
 * </ul>
 * Not thread-safe beyond its synchronized methods: one traversal at a time.
 */
final class Traversal {
    /** At most this many codes per traversal. */
    static final int LIMIT = 256;

    private final FreeTransformer model;
    private final int[] tokens;
    private final int[] z;
    private IncrementalDecoder whole; // one row: the sequence with Z as chosen
    private IncrementalDecoder rows; // one row per code, positions 0..T-1 as in whole unless dirty
    private int capacity;
    private int dirtyFrom;
    private int dirtyTo;

    Traversal(FreeTransformer model, int[] tokens, int[] z) {
        this.model = model;
        this.tokens = tokens;
        this.z = z;
    }

    /** The code at t alone; bitsAt: the posterior's bit probabilities at t [H]. */
    synchronized List<TraversalRow> at(float[] bitsAt, int t, int k) {
        int[] codes = codesByPosterior(bitsAt);
        int n = codes.length;
        int length = tokens.length;
        int want = Math.min(model.maxPositions(), Math.max(length, t + Math.max(1, k)));
        if (rows == null || capacity < want) {
            capacity = Math.min(model.maxPositions(), Math.max(want, length + InsideSequence.DEFAULT_CONTINUATION));
            whole = new IncrementalDecoder(model, 1, capacity);
            whole.lowerHalf(new int[][] {tokens});
            whole.upperHalf(z);
            rows = whole.repeat(n);
            dirtyFrom = length;
            dirtyTo = length;
        }
        try {
            if (dirtyFrom < t) {
                rows.refill(whole, dirtyFrom, Math.min(dirtyTo, t));
            }
            rows.rewind(t);
            int steps = Math.max(0, Math.min(k, capacity - t));
            int[][] first = new int[n][1];
            for (int[] row : first) {
                row[0] = tokens[t];
            }
            rows.lowerHalf(first);
            float[][] logits = rows.upperHalf(codes.clone());
            List<TraversalRow> out = continue_(rows, bitsAt, codes, logits, t, steps, false);
            int end = Math.min(length, t + Math.max(1, steps));
            dirtyTo = dirtyTo > t ? Math.max(dirtyTo, end) : end;
            dirtyFrom = t;
            return out;
        } catch (RuntimeException e) {
            rows = null; // rows may hold positions written but not recorded: the next call rebuilds them
            throw e;
        }
    }

    /** The code at every position 0..t. */
    List<TraversalRow> shared(float[] bitsAt, int t, int k) {
        int[] codes = codesByPosterior(bitsAt);
        int n = codes.length;
        int maxLength = Math.min(model.maxPositions(), t + Math.max(1, k));
        IncrementalDecoder d = new IncrementalDecoder(model, n, maxLength);
        int[][] prefixes = new int[n][];
        int[] prefixZ = new int[n * (t + 1)];
        for (int i = 0; i < n; i++) {
            prefixes[i] = Arrays.copyOf(tokens, t + 1);
            Arrays.fill(prefixZ, i * (t + 1), (i + 1) * (t + 1), codes[i]);
        }
        d.lowerHalf(prefixes);
        float[][] logits = d.upperHalf(prefixZ);
        return continue_(d, bitsAt, codes, logits, t, Math.max(0, Math.min(k, maxLength - t)), true);
    }

    /**
     * The distributions at t from logits [n][V], then steps greedy symbols per row; after t, Z is the
     * row's code when shared, else as chosen within the sequence and the row's code beyond it.
     */
    private List<TraversalRow> continue_(IncrementalDecoder d, float[] bitsAt, int[] codes, float[][] logits, int t,
                                         int steps, boolean shared) {
        int n = codes.length;
        double[][] probs = new double[n][];
        for (int i = 0; i < n; i++) {
            probs[i] = Softmax.of(logits[i]);
        }
        int[][] continuation = new int[n][steps];
        int[][] feed = new int[n][1];
        int[] zs = new int[n];
        for (int j = 0; j < steps; j++) {
            for (int i = 0; i < n; i++) {
                continuation[i][j] = Softmax.argmax(logits[i]);
                feed[i][0] = continuation[i][j];
            }
            if (j == steps - 1) {
                break;
            }
            int position = t + 1 + j;
            for (int i = 0; i < n; i++) {
                zs[i] = !shared && position < z.length ? z[position] : codes[i];
            }
            d.lowerHalf(feed);
            logits = d.upperHalf(zs.clone());
        }
        List<TraversalRow> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new TraversalRow(codes[i], posterior(bitsAt, codes[i]), probs[i], continuation[i]));
        }
        return out;
    }

    /** The posterior probability of a code: prod_h p_h if bit h is set, 1 - p_h otherwise. */
    static double posterior(float[] bits, int code) {
        double p = 1;
        for (int h = 0; h < bits.length; h++) {
            p *= ((code >> h) & 1) == 1 ? bits[h] : 1 - bits[h];
        }
        return p;
    }

    /** All 2^H codes, or the LIMIT most probable, most probable first (ties: the smaller code). */
    static int[] codesByPosterior(float[] bits) {
        int all = 1 << bits.length;
        double[] logP = new double[all];
        for (int code = 0; code < all; code++) {
            double s = 0;
            for (int h = 0; h < bits.length; h++) {
                double p = ((code >> h) & 1) == 1 ? bits[h] : 1 - bits[h];
                s += Math.log(Math.max(p, 1e-30));
            }
            logP[code] = s;
        }
        Integer[] order = new Integer[all];
        for (int i = 0; i < all; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(c -> -logP[c]).thenComparingInt(c -> c));
        return Arrays.stream(order).limit(Math.min(all, LIMIT)).mapToInt(Integer::intValue).toArray();
    }
}
