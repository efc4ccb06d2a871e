package ftx.engine.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.util.Rng;
import org.junit.jupiter.api.Test;

/** The reviews task: sentiment decided first, revealed later, recorded, and readable back from text. */
class ReviewsTaskTest {
    private final ReviewsTask task = new ReviewsTask();

    @Test
    void everySampleParsesBackToItsRecordedFactors() {
        Rng rng = new Rng(3);
        int good = 0;
        for (int i = 0; i < 2000; i++) {
            Sample s = task.sample(rng);
            assertEquals(ReviewsTask.SEQUENCE_LENGTH, s.length());
            String text = task.vocabulary().decode(s.tokens());
            assertEquals('>', text.charAt(0));
            assertTrue(text.endsWith("_"), "padded: " + text);
            ReviewGrammar.Parse p = ReviewGrammar.parse(text.substring(1), ReviewsTask.PAD);
            assertTrue(p.wellFormed(), text);
            assertEquals(s.factors().get("sentiment"), p.review().sentiment());
            assertEquals(s.factors().get("opening"), p.review().opening());
            assertEquals(s.factors().get("reveal"), p.review().revealPosition());
            good += p.review().good() ? 1 : 0;
        }
        assertTrue(good > 900 && good < 1100, "sentiment is a fair coin: " + good);
    }

    @Test
    void nothingBeforeTheRevealPositionShowsTheSentiment() {
        Rng rng = new Rng(5);
        for (int i = 0; i < 200; i++) {
            ReviewGrammar.Review r = ReviewGrammar.draw(rng);
            ReviewGrammar.Review flipped = new ReviewGrammar.Review(!r.good(), r.opening(), r.noun1(), r.adjective1(),
                    r.noun2(), r.adjective2(), r.verdict());
            int reveal = r.revealPosition();
            assertEquals(r.text().substring(0, reveal), flipped.text().substring(0, reveal));
            assertTrue(reveal >= 25, "the sentiment shows only after the opening and a noun: " + reveal);
            String adjective = r.text().substring(reveal).split("\\.")[0];
            assertTrue((r.good() ? ReviewGrammar.GOOD_ADJECTIVES : ReviewGrammar.BAD_ADJECTIVES).contains(adjective));
        }
    }

    @Test
    void mixedAndMalformedReviewsAreToldApart() {
        ReviewGrammar.Parse mixed = ReviewGrammar.parse(
                "i went in blind. the plot was clever. the cast was dull. loved it!___", '_');
        assertTrue(mixed.parsed() && mixed.mixed() && !mixed.wellFormed());
        ReviewGrammar.Parse mixedVerdict = ReviewGrammar.parse(
                "i went in blind. the plot was dull. the cast was weak. a gem!", '_');
        assertTrue(mixedVerdict.mixed());
        ReviewGrammar.Parse bad = ReviewGrammar.parse("my wife picked it. the music was awful. the ending was flat. skip it.__", '_');
        assertTrue(bad.wellFormed());
        assertFalse(bad.review().good());
        assertFalse(ReviewGrammar.parse("i went in blind. the plot was clever. the cast was great. loved it!_x_", '_').parsed(),
                "junk in the padding");
        assertFalse(ReviewGrammar.parse("i went in blind. the plot was clever. the cast was great.", '_').parsed(), "no verdict");
        assertFalse(ReviewGrammar.parse("i went blind. the plot was clever. the cast was great. loved it!", '_').parsed());
        assertFalse(ReviewGrammar.parse("", '_').parsed());
    }

    @Test
    void theLongestReviewFitsAndTheTaskIsNamedInCheckpoints() {
        assertTrue(ReviewGrammar.MAX_LENGTH < ReviewsTask.BODY_LENGTH);
        assertEquals(78, ReviewGrammar.MAX_LENGTH);
        assertEquals("reviews", Tasks.fromDescription(task.describe()).name());
        for (char c : String.join("", ReviewGrammar.OPENINGS).concat(String.join("", ReviewGrammar.NOUNS)).toCharArray()) {
            assertTrue(task.vocabulary().contains(c), "symbol " + c);
        }
    }
}
