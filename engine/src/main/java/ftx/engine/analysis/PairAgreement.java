package ftx.engine.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.ToLongBiFunction;

/**
 * How often two members of a group have the same value (or, for positions, values within a
 * tolerance), and the chance level: the same over pairs from different groups.
 */
final class PairAgreement {
    private PairAgreement() {
    }

    /**
     * In each group with at least two values, the fraction of its unordered pairs that are equal;
     * then the unweighted mean over those groups. NaN if no group has two values.
     */
    static <K> double within(List<List<K>> groups) {
        return within(groups, Objects::equals);
    }

    /** {@link #within} where two positions agree when they differ by at most tolerance. */
    static double withinNear(List<List<Integer>> groups, int tolerance) {
        return within(groups, (a, b) -> Math.abs(a - b) <= tolerance);
    }

    private static <K> double within(List<List<K>> groups, BiPredicate<K, K> same) {
        double sum = 0;
        int counted = 0;
        for (List<K> g : groups) {
            if (g.size() < 2) {
                continue;
            }
            int pairs = 0;
            int agree = 0;
            for (int i = 0; i < g.size(); i++) {
                for (int j = i + 1; j < g.size(); j++) {
                    pairs++;
                    agree += same.test(g.get(i), g.get(j)) ? 1 : 0;
                }
            }
            sum += (double) agree / pairs;
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** The fraction of equal pairs among pairs of values from different groups; NaN if there are none. */
    static <K> double across(List<List<K>> groups) {
        return across(groups, (seen, k) -> seen.getOrDefault(k, 0));
    }

    /** {@link #across} where two positions agree when they differ by at most tolerance. */
    static double acrossNear(List<List<Integer>> groups, int tolerance) {
        return across(groups, (seen, k) -> {
            long n = 0;
            for (int d = -tolerance; d <= tolerance; d++) {
                n += seen.getOrDefault(k + d, 0);
            }
            return n;
        });
    }

    /** matching(seen, k): how many values already seen (in earlier groups, with their counts) agree with k. */
    private static <K> double across(List<List<K>> groups, ToLongBiFunction<Map<K, Integer>, K> matching) {
        Map<K, Integer> seen = new HashMap<>();
        long pairs = 0;
        long agree = 0;
        int before = 0;
        for (List<K> g : groups) {
            for (K k : g) {
                pairs += before;
                agree += matching.applyAsLong(seen, k);
            }
            for (K k : g) {
                seen.merge(k, 1, Integer::sum);
            }
            before += g.size();
        }
        return pairs == 0 ? Double.NaN : (double) agree / pairs;
    }
}
