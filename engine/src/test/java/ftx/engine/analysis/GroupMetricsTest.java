package ftx.engine.analysis;

import static ftx.engine.analysis.SyntheticParseTest.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Group metrics on hand-made groups whose agreement and overlap are known by hand. */
class GroupMetricsTest {
    private static SyntheticParse at(int start, int... noise) {
        return SyntheticParse.of(seq('C', start, 8, noise));
    }

    private static SyntheticParse broken() {
        return SyntheticParse.of(seq('C', 10, 7));
    }

    @Test
    void jaccardOfNoiseSets() {
        assertEquals(1.0, GroupMetrics.jaccard(new int[0], new int[0]), "two empty patterns are identical");
        assertEquals(0.0, GroupMetrics.jaccard(new int[] {1}, new int[0]));
        assertEquals(1.0, GroupMetrics.jaccard(new int[] {3, 9}, new int[] {3, 9}));
        assertEquals(1.0 / 3, GroupMetrics.jaccard(new int[] {1, 2}, new int[] {2, 3}), 1e-12);
        assertEquals(2.0 / 5, GroupMetrics.jaccard(new int[] {1, 5, 7, 9}, new int[] {5, 9, 40}), 1e-12);
    }

    @Test
    void identicalGroupsAgreeCompletely() {
        List<SyntheticParse> a = List.of(at(4, 1, 30), at(4, 1, 30), at(4, 1, 30));
        List<SyntheticParse> b = List.of(at(40, 2), at(40, 2));
        GroupMetrics m = GroupMetrics.of(List.of(a, b));
        assertEquals(2, m.groups());
        assertEquals(5, m.samples());
        assertEquals(5, m.wellFormedSamples());
        assertEquals(1.0, m.wellFormed());
        assertEquals(2, m.pairedGroups());
        assertEquals(1.0, m.startAgreement());
        assertEquals(1.0, m.noiseOverlap());
        assertEquals(0.0, m.crossGroupStartAgreement(), "3 x 2 cross pairs, none with equal start");
    }

    @Test
    void knownAgreementAndOverlapAveragedOverGroups() {
        // group 1: starts 5, 5, 9 -> pairs (5,5) equal, (5,9), (5,9): 1/3
        //          noise {1,2}, {2,3}, {} -> J = 1/3, 0, 0: mean 1/9
        List<SyntheticParse> g1 = List.of(at(5, 1, 2), at(5, 2, 3), at(9));
        // group 2: starts 20, 20 and one malformed member -> one pair, equal: 1
        //          noise {}, {} -> J = 1
        List<SyntheticParse> g2 = List.of(at(20), broken(), at(20));
        // group 3: a single well-formed member: no pair, left out of agreement and overlap
        List<SyntheticParse> g3 = List.of(at(5), broken());
        GroupMetrics m = GroupMetrics.of(List.of(g1, g2, g3));
        assertEquals(8, m.samples());
        assertEquals(6, m.wellFormedSamples());
        assertEquals(6.0 / 8, m.wellFormed(), 1e-12);
        assertEquals(2, m.pairedGroups());
        assertEquals((1.0 / 3 + 1.0) / 2, m.startAgreement(), 1e-12);
        assertEquals((1.0 / 9 + 1.0) / 2, m.noiseOverlap(), 1e-12);
        // cross-group pairs: g1 x g2 = 3 x 2 = 6 (none equal), g1 x g3 = 3 (two equal: 5-5 twice), g2 x g3 = 2 (none)
        assertEquals(2.0 / 11, m.crossGroupStartAgreement(), 1e-12);
    }

    @Test
    void withoutPairsTheAgreementIsNotMeasurable() {
        GroupMetrics m = GroupMetrics.of(List.of(List.of(at(3), broken()), List.of(broken(), broken())));
        assertEquals(0.25, m.wellFormed());
        assertEquals(java.util.Map.of(SyntheticParse.Flaw.TOO_SHORT, 3), m.flaws(), "the three broken samples, by kind");
        assertEquals(0, m.pairedGroups());
        assertTrue(Double.isNaN(m.startAgreement()));
        assertTrue(Double.isNaN(m.noiseOverlap()));
        assertTrue(Double.isNaN(m.crossGroupStartAgreement()), "a single well-formed sample has no cross pair");
        assertTrue(Double.isNaN(GroupMetrics.of(List.of()).wellFormed()));
    }

    @Test
    void ambiguousStartsCompareByTheirEarliestConsistentStart() {
        SyntheticParse ambiguous = SyntheticParse.of(seq('C', 11, 7, 10, 18)); // starts 10 or 11
        GroupMetrics m = GroupMetrics.of(List.of(List.of(ambiguous, at(10), at(11))));
        assertEquals(1.0 / 3, m.startAgreement(), 1e-12);
    }

    @Test
    void nearAgreementCountsPairsWithinOneAndItsChanceLevelCountsPairsAcrossGroups() {
        // group 1: starts 5, 6, 9 -> pairs (5,6) near, (5,9), (6,9): 1/3; group 2: 20, 21 -> 1
        List<SyntheticParse> g1 = List.of(at(5), at(6), at(9));
        List<SyntheticParse> g2 = List.of(at(20), at(21));
        GroupMetrics m = GroupMetrics.of(List.of(g1, g2));
        assertEquals((1.0 / 3 + 1.0) / 2, m.nearAgreement(), 1e-12);
        assertEquals(0.0, m.crossGroupNearAgreement(), "no start of group 1 is within 1 of one of group 2");
        // across: 5,6,9 against 6,10 -> (5,6) (6,6) (9,10): 3 of 6 pairs
        GroupMetrics across = GroupMetrics.of(List.of(g1, List.of(at(6), at(10))));
        assertEquals(3.0 / 6, across.crossGroupNearAgreement(), 1e-12);
        assertEquals(1.0 / 6, across.crossGroupStartAgreement(), 1e-12, "only (6,6) is equal");
    }
}
