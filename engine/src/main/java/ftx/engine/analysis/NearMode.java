package ftx.engine.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The paper's reading of Figure 4 (Fleuret 2025, section 4.1): samples that share Z "put the
 * block at the same place (+-1)". Per group, the mode is its most common start (a tie goes to the
 * start with more members within +-1, then to the earlier start); the measure is the fraction of
 * the group's starts within +-1 of it, averaged over the groups with at least two starts.
 *
 * <p>Even groups that share nothing have some members near their mode (two of five random starts
 * often fall within +-1), so the measure comes with its chance level: the same measure on the
 * pooled starts dealt at random into groups of the same sizes, averaged over seeded deals.
 */
public final class NearMode {
    /** How far from the mode a start still counts as "the same place". */
    public static final int TOLERANCE = 1;
    private static final int DEALS = 200;

    private NearMode() {
    }

    /** Mean over groups with two or more starts of the fraction within +-1 of the group's mode; NaN if there is none. */
    public static double fraction(List<List<Integer>> groups) {
        double sum = 0;
        int counted = 0;
        for (List<Integer> g : groups) {
            if (g.size() < 2) {
                continue;
            }
            sum += (double) near(g, mode(g)) / g.size();
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /** {@link #fraction} of the pooled starts dealt at random into groups of the same sizes (mean of 200 deals). */
    public static double chance(List<List<Integer>> groups, long seed) {
        List<Integer> pool = new ArrayList<>();
        groups.forEach(pool::addAll);
        if (groups.stream().noneMatch(g -> g.size() >= 2)) {
            return Double.NaN;
        }
        Random random = new Random(seed);
        double sum = 0;
        for (int d = 0; d < DEALS; d++) {
            Collections.shuffle(pool, random);
            List<List<Integer>> dealt = new ArrayList<>();
            int at = 0;
            for (List<Integer> g : groups) {
                dealt.add(pool.subList(at, at + g.size()));
                at += g.size();
            }
            sum += fraction(dealt);
        }
        return sum / DEALS;
    }

    /** The most common start; ties to the one with more starts within +-1, then to the earlier. */
    static int mode(List<Integer> group) {
        int best = group.get(0);
        int bestCount = -1;
        int bestNear = -1;
        for (int s : group) {
            int count = Collections.frequency(group, s);
            int near = near(group, s);
            if (count > bestCount || count == bestCount && (near > bestNear || near == bestNear && s < best)) {
                best = s;
                bestCount = count;
                bestNear = near;
            }
        }
        return best;
    }

    private static int near(List<Integer> group, int mode) {
        int n = 0;
        for (int s : group) {
            if (Math.abs(s - mode) <= TOLERANCE) {
                n++;
            }
        }
        return n;
    }
}
