package ftx.app.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import ftx.app.generate.GenerationOutcome.Group;
import ftx.app.generate.GenerationOutcome.Kind;
import ftx.app.generate.GenerationOutcome.Mode;
import ftx.app.generate.GenerationOutcome.Sample;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.Vocabulary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The readings of hand-made samples: reviews read into good / bad / mixed / not a review with
 * their sentiment as the decision, groups measured into sentiment agreement and well-formed
 * fraction, the Figure 4 comparison line, the bit pair's flip count and the JSON factors; and
 * the synthetic reading's words, which must stay as they were.
 */
class ReviewReadingTest {
    private static final String GOOD = ">i went in blind. the plot was clever. the cast was great. loved it!";
    private static final String GOOD_TOO = ">we saw the late show. the music was moving. the ending was fresh. a gem!";
    private static final String BAD = ">we went last night. the acting was dull. the music was flat. skip it.";
    private static final String BAD_TOO = ">saw it with a friend. the cast was weak. the plot was silly. a mess.";
    private static final String MIXED = ">my wife picked it. the script was superb. the ending was awful. a gem!";
    private static final String JUNK = ">the plot was the plot was clever. loved it!";

    /** The text padded with '_' to the task's 81 symbols, as a generated sample is. */
    private static String padded(String text) {
        return text + String.valueOf(ReviewsTask.PAD).repeat(ReviewsTask.SEQUENCE_LENGTH - text.length());
    }

    private static SampleReading read(String text) {
        return TaskReading.REVIEWS.read(new Vocabulary(ReviewsTask.SYMBOLS).encode(text), text);
    }

    @Test
    void aReviewIsReadAsGoodOrBadWithItsOpeningAndTheSentimentIsTheDecision() {
        SampleReading good = read(padded(GOOD));
        assertTrue(good.wellFormed());
        assertEquals("good (opening 6)", good.label());
        assertEquals("good", good.decision());
        assertEquals("", good.problem());
        SampleReading bad = read(padded(BAD));
        assertTrue(bad.wellFormed());
        assertEquals("bad (opening 1)", bad.label());
        assertEquals("bad", bad.decision());
        assertEquals("good", read(GOOD).decision(), "padding is optional");
    }

    @Test
    void mixedReviewsAndOtherTextsAreNotWellFormedAndSayWhy() {
        SampleReading mixed = read(padded(MIXED));
        assertFalse(mixed.wellFormed());
        assertEquals("mixed", mixed.label());
        assertNull(mixed.decision());
        assertTrue(mixed.problem().startsWith("mixed"), mixed.problem());
        for (String text : new String[] {padded(JUNK), padded(GOOD).substring(0, 40), padded(GOOD).substring(1),
                padded(GOOD) + "a", "b" + padded(GOOD).substring(1), ">"}) {
            SampleReading r = read(text);
            assertFalse(r.wellFormed(), text);
            assertEquals("not a review", r.label(), text);
            assertNull(r.decision(), text);
            assertTrue(r.problem().startsWith("not a review"), r.problem());
        }
    }

    @Test
    void groupsAreMeasuredBySentimentAgreementAmongWellFormedMembers() {
        GroupReading shared = TaskReading.REVIEWS.measure(List.of(readings(GOOD, GOOD_TOO, GOOD),
                readings(BAD, BAD_TOO, MIXED)));
        assertEquals("sentiment", shared.decision());
        assertEquals(6, shared.samples());
        assertEquals(5, shared.wellFormedSamples());
        assertEquals(5.0 / 6, shared.wellFormed(), 1e-12);
        assertEquals(1.0, shared.agreement(), 1e-12, "each group agrees on its sentiment");
        assertEquals("opening agreement", shared.measures().get(0).name());
        assertEquals((1.0 / 3 + 0.0) / 2, shared.measures().get(0).value(), 1e-12, "openings 6, 5, 6 and 1, 4");
        GroupReading fresh = TaskReading.REVIEWS.measure(List.of(readings(GOOD, BAD, BAD_TOO, JUNK)));
        assertEquals(1.0 / 3, fresh.agreement(), 1e-12, "pairs good-bad, good-bad, bad-bad");
        assertEquals(0.75, fresh.wellFormed(), 1e-12);
        assertEquals("well formed 75% (3/4)   sentiment agreement 33%   opening agreement 0%", fresh.summary());
        GroupReading none = TaskReading.REVIEWS.measure(List.of(readings(JUNK, MIXED)));
        assertTrue(Double.isNaN(none.agreement()), "no pair of well-formed members");
        assertEquals("well formed 0% (0/2)   sentiment agreement n/a   opening agreement n/a", none.summary());
    }

    @Test
    void theComparisonLineSetsSharedGroupsAgainstTheFreshOne() {
        List<Group> groups = List.of(group(Mode.FRESH, GOOD, BAD, BAD_TOO, JUNK), group(Mode.SHARED, GOOD, GOOD_TOO, GOOD),
                group(Mode.SHARED, BAD, BAD_TOO, MIXED));
        assertEquals("Shared groups agree on the sentiment 100% of pairs vs 33% for fresh (opening agreement 17% vs 0%; "
                + "well formed 83% vs 75%).", GroupGenerator.comparison(TaskReading.REVIEWS, true, groups));
        assertEquals("Baseline (no Z): all groups are independent samples; they agree on the sentiment 100% of pairs "
                + "(group 1: 33%).", GroupGenerator.comparison(TaskReading.REVIEWS, false, groups));
    }

    @Test
    void theBitPairCountsASentimentFlipOnlyBetweenTwoWellFormedReviews() {
        assertTrue(GroupGenerator.decisionDiffers(read(GOOD), read(BAD)));
        assertFalse(GroupGenerator.decisionDiffers(read(GOOD), read(GOOD_TOO)), "other words, same sentiment");
        assertFalse(GroupGenerator.decisionDiffers(read(GOOD), read(MIXED)));
        assertFalse(GroupGenerator.decisionDiffers(read(JUNK), read(BAD)));
        assertFalse(GroupGenerator.decisionDiffers(null, null), "no reading for other vocabularies");
    }

    @Test
    void theJsonExportHoldsTheSentimentFactorsAndTheGroupNumbers() {
        Group fresh = group(Mode.FRESH, padded(GOOD), padded(MIXED), padded(JUNK));
        GenerationOutcome o = new GenerationOutcome(Kind.FIGURE4, new GenerateSettings(">", 1.0, 1, 1, 3, 80), new int[0],
                -1, List.of(fresh), "", 1.0, "");
        JsonNode root = OutcomeJson.tree(o, "hand-made", 4, "reviews");
        assertEquals("reviews", root.get("task").asText());
        JsonNode group = root.get("groups").get(0);
        assertEquals(1.0 / 3, group.get("metrics").get("wellFormed").asDouble(), 1e-12);
        assertTrue(group.get("metrics").get("sentimentAgreement").isNull(), "NaN (one well-formed member) is null");
        assertTrue(group.get("metrics").has("openingAgreement"));
        JsonNode good = group.get("samples").get(0).get("factors");
        assertEquals("good (opening 6)", good.get("label").asText());
        assertTrue(good.get("wellFormed").asBoolean());
        assertEquals("good", good.get("sentiment").asText());
        assertEquals(6, good.get("opening").asInt());
        assertEquals("i went in blind. the plot was ".length(), good.get("reveal").asInt(), "the first adjective's index");
        JsonNode mixed = group.get("samples").get(1).get("factors");
        assertTrue(mixed.get("mixed").asBoolean());
        assertFalse(mixed.get("wellFormed").asBoolean());
        assertEquals("good", mixed.get("sentiment").asText(), "the first adjective's sentiment");
        JsonNode junk = group.get("samples").get(2).get("factors");
        assertEquals("not a review", junk.get("label").asText());
        assertFalse(junk.get("parsed").asBoolean());
        assertFalse(junk.has("sentiment"));
    }

    @Test
    void theSyntheticReadingKeepsItsWords() {
        String body = "___AAAAAAAA" + "_".repeat(53);
        SampleReading r = read(Vocabulary.synthetic(), "A>" + body);
        assertEquals("start 3, 0 noise", r.label());
        assertEquals(3, r.decision());
        SampleReading noisy = read(Vocabulary.synthetic(), "A>" + "___AA!AAAAA__!" + "_".repeat(50));
        assertEquals("start 3, 2 noise", noisy.label());
        SampleReading malformed = read(Vocabulary.synthetic(), "A>" + "_".repeat(64));
        assertEquals("malformed: the body has no 'A' (no block)", malformed.label());
        assertEquals("the body has no 'A' (no block)", malformed.problem());
        assertNull(malformed.decision());
        GroupReading g = TaskReading.SYNTHETIC.measure(List.of(List.of(r, noisy, malformed)));
        assertEquals("well formed 67% (2/3)   start agreement 100%   within \u00b11 of mode 100%   noise overlap 0.00", g.summary());
        assertEquals("startAgreement", g.agreementKey());
        assertEquals("nearModeFraction", g.measures().get(0).key());
        assertEquals("noiseOverlap", g.measures().get(1).key());
    }

    private static SampleReading read(Vocabulary v, String text) {
        return TaskReading.SYNTHETIC.read(v.encode(text), text);
    }

    private static List<SampleReading> readings(String... texts) {
        List<SampleReading> out = new ArrayList<>();
        for (String t : texts) {
            out.add(read(padded(t)));
        }
        return out;
    }

    private static Group group(Mode mode, String... texts) {
        List<Sample> samples = new ArrayList<>();
        for (String t : texts) {
            samples.add(new Sample(t, new int[0], 1, read(t), new boolean[t.length()]));
        }
        return new Group(mode.label(), mode, samples, TaskReading.REVIEWS.measure(List.of(samples.stream()
                .map(Sample::reading).toList())));
    }
}
