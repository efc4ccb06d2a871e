package ftx.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.task.ReviewGrammar;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reviews evaluator's metrics on hand-made groups. */
class ReviewGroupMetricsTest {
    private static ReviewGrammar.Parse p(String text) {
        return ReviewGrammar.parse(text, '_');
    }

    private static final String GOOD_A = "i went in blind. the plot was clever. the cast was great. loved it!";
    private static final String GOOD_B = "my wife picked it. the music was superb. the plot was fresh. a gem!";
    private static final String BAD_A = "i went in blind. the plot was dull. the cast was weak. skip it.";
    private static final String MIXED = "i went in blind. the plot was clever. the cast was dull. loved it!";

    @Test
    void pairAgreementWithinAndAcrossGroups() {
        List<List<String>> groups = List.of(List.of("a", "a", "b"), List.of("b", "b"), List.of("a"));
        // group 1: 1 of 3 pairs equal; group 2: 1 of 1; group 3 has no pair
        assertEquals((1.0 / 3 + 1.0) / 2, PairAgreement.within(groups), 1e-12);
        // across: g1 x g2: 6 pairs, 2 equal (b,b); g1+g2 x g3: 5 pairs, 2 equal (a,a)
        assertEquals(4.0 / 11, PairAgreement.across(groups), 1e-12);
        assertTrue(Double.isNaN(PairAgreement.within(List.of(List.of("a")))));
    }

    @Test
    void sentimentAgreementCountsOnlyWellFormedReviews() {
        ReviewGroupMetrics m = ReviewGroupMetrics.of(List.of(
                List.of(p(GOOD_A), p(GOOD_B), p(MIXED), p("garbage")),
                List.of(p(GOOD_A), p(BAD_A))));
        assertEquals(6, m.samples());
        assertEquals(4, m.wellFormedSamples());
        assertEquals(1, m.mixedSamples());
        assertEquals((1.0 + 0.0) / 2, m.sentimentAgreement(), 1e-12);
        assertEquals((0.0 + 1.0) / 2, m.openingAgreement(), 1e-12, "GOOD_A and BAD_A share their opening");
        assertEquals(2.0 / 4, m.crossGroupSentimentAgreement(), 1e-12); // (g,g) x (g,b): 4 pairs, 2 equal
        assertEquals(0.75, m.goodFraction(), 1e-12);
    }
}
