package ftx.engine.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How often two members of a group have the same value, and the chance level across groups. */
final class PairAgreement {
    private PairAgreement() {
    }

    /**
     * In each group with at least two values, the fraction of its unordered pairs that are equal;
     * then the unweighted mean over those groups. NaN if no group has two values.
     */
    static <K> double within(List<List<K>> groups) {
        double sum = 0;
        int counted = 0;
        for (List<K> g : groups) {
            if (g.size() < 2) {
                continue;
            }
            int pairs = 0;
            int equal = 0;
            for (int i = 0; i < g.size(); i++) {
                for (int j = i + 1; j < g.size(); j++) {
                    pairs++;
                    equal += Objects.equals(g.get(i), g.get(j)) ? 1 : 0;
                }
            }
            sum += (double) equal / pairs;
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** The fraction of equal pairs among pairs of values from different groups; NaN if there are none. */
    static <K> double across(List<List<K>> groups) {
        Map<K, Integer> seen = new HashMap<>();
        long pairs = 0;
        long equal = 0;
        int before = 0;
        for (List<K> g : groups) {
            for (K k : g) {
                pairs += before;
                equal += seen.getOrDefault(k, 0);
            }
            for (K k : g) {
                seen.merge(k, 1, Integer::sum);
            }
            before += g.size();
        }
        return pairs == 0 ? Double.NaN : (double) equal / pairs;
    }
}
