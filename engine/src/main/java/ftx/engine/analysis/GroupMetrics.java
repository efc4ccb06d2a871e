package ftx.engine.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the members of groups of generated synthetic sequences have in common: the measure of
 * Fleuret 2025, "The Free Transformer", section 4.1 (Figure 4), where a group either shares one
 * Z sequence drawn from the prior or draws a fresh Z for every member.
 *
 * <p>Definitions (only well-formed members, see {@link SyntheticParse}, take part in pairs):
 * <ul>
 *   <li>{@link #wellFormed()}: well-formed samples / all samples.</li>
 *   <li>{@link #startAgreement()}: in each group with at least two well-formed members, the
 *       fraction of its unordered pairs of well-formed members with equal block start; then the
 *       unweighted mean over those groups. An estimate of the probability that two members of a
 *       group put the block at the same place. NaN if no group has two well-formed members.</li>
 *   <li>{@link #noiseOverlap()}: in the same groups, the mean over pairs of the Jaccard index
 *       |A ∩ B| / |A ∪ B| of the two members' noise position sets (1 when both are empty:
 *       identical patterns); then the unweighted mean over groups. NaN as above.</li>
 *   <li>{@link #crossGroupStartAgreement()}: the fraction of pairs of well-formed samples
 *       <em>from different groups</em> with equal start. Members of different groups never share
 *       Z, so this is the chance level: the start collision probability {@code sum_s p(s)^2} of
 *       the model's marginal start distribution (1/57 for the task's uniform start). NaN if
 *       there is no such pair.</li>
 *   <li>{@link #nearMode()}: the paper's "same place (+-1)", {@link NearMode#fraction}, and
 *       {@link #nearModeChance()} what it gives for the same starts grouped at random.</li>
 *   <li>{@link #nearAgreement()} and {@link #crossGroupNearAgreement()}: as the start agreement
 *       and its chance level, with two starts agreeing when they differ by at most 1 (about
 *       3/57 = 0.053 for the task's uniform start). The live probe's curve, since its ratio to
 *       chance reads the same for groups of any size.</li>
 * </ul>
 *
 * @param groups                   number of groups
 * @param samples                  samples in all groups
 * @param wellFormedSamples        well-formed samples in all groups
 * @param wellFormed               wellFormedSamples / samples (NaN when there are no samples)
 * @param pairedGroups             groups with at least two well-formed members
 * @param startAgreement           mean over paired groups of the equal-start fraction of pairs
 * @param noiseOverlap             mean over paired groups of the mean pairwise noise Jaccard
 * @param crossGroupStartAgreement equal-start fraction of well-formed pairs across groups
 * @param nearMode                 mean over paired groups of the fraction of starts within +-1 of the group's mode
 * @param nearModeChance           nearMode of the same starts dealt into random groups (seeded)
 * @param nearAgreement            as startAgreement, pairs within +-1
 * @param crossGroupNearAgreement  as crossGroupStartAgreement, pairs within +-1
 * @param flaws                    malformed samples by what is wrong with them (only kinds that occur)
 */
public record GroupMetrics(int groups, int samples, int wellFormedSamples, double wellFormed, int pairedGroups,
                           double startAgreement, double noiseOverlap, double crossGroupStartAgreement,
                           double nearMode, double nearModeChance, double nearAgreement,
                           double crossGroupNearAgreement, Map<SyntheticParse.Flaw, Integer> flaws) {

    /** Measures groups of parsed samples. */
    public static GroupMetrics of(List<List<SyntheticParse>> groups) {
        int samples = 0;
        int paired = 0;
        double overlapSum = 0;
        Map<SyntheticParse.Flaw, Integer> flaws = new EnumMap<>(SyntheticParse.Flaw.class);
        List<List<Integer>> starts = new ArrayList<>();
        for (List<SyntheticParse> group : groups) {
            List<SyntheticParse> ok = group.stream().filter(SyntheticParse::wellFormed).toList();
            samples += group.size();
            for (SyntheticParse p : group) {
                if (!p.wellFormed()) {
                    flaws.merge(p.flaw(), 1, Integer::sum);
                }
            }
            starts.add(ok.stream().map(SyntheticParse::start).toList());
            if (ok.size() < 2) {
                continue;
            }
            int pairs = 0;
            double jaccard = 0;
            for (int i = 0; i < ok.size(); i++) {
                for (int j = i + 1; j < ok.size(); j++) {
                    pairs++;
                    jaccard += jaccard(ok.get(i).noise(), ok.get(j).noise());
                }
            }
            paired++;
            overlapSum += jaccard / pairs;
        }
        int good = starts.stream().mapToInt(List::size).sum();
        return new GroupMetrics(groups.size(), samples, good, samples == 0 ? Double.NaN : (double) good / samples, paired,
                PairAgreement.within(starts), paired == 0 ? Double.NaN : overlapSum / paired, PairAgreement.across(starts),
                NearMode.fraction(starts), NearMode.chance(starts, 1),
                PairAgreement.withinNear(starts, NearMode.TOLERANCE), PairAgreement.acrossNear(starts, NearMode.TOLERANCE),
                Map.copyOf(flaws));
    }

    /** Jaccard index of two sorted sets of distinct positions; 1 when both are empty. */
    public static double jaccard(int[] a, int[] b) {
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        int union = a.length + b.length - common;
        return union == 0 ? 1.0 : (double) common / union;
    }
}
