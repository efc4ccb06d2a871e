package ftx.app.generate;

import ftx.engine.analysis.ReviewGroupMetrics;
import ftx.engine.task.ReviewGrammar;
import ftx.engine.task.ReviewsTask;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reviews-task sample read by {@link ReviewGrammar}: the paper's motivating example (section 1)
 * of a text whose sentiment is decided before a word shows it. The sentiment is the decision;
 * groups are measured by the engine's {@link ReviewGroupMetrics}. A sample is a review when it is
 * the prompt {@code >}, a review of the grammar and only {@code _} padding after it.
 *
 * @param parse the engine's parse of the text after the prompt (not parsed when the text does
 *              not start with {@code >})
 */
public record ReviewReading(ReviewGrammar.Parse parse) implements SampleReading {
    private static final String GRAMMAR = "'>', an opening sentence, two \"the <noun> was <adjective>.\" sentences, "
            + "a verdict, then only '" + ReviewsTask.PAD + "' padding";

    /** Reads a sample's text (prompt included). */
    static ReviewReading of(String text) {
        if (text.isEmpty() || text.charAt(0) != ReviewsTask.PROMPT) {
            return new ReviewReading(new ReviewGrammar.Parse(false, false, null));
        }
        return new ReviewReading(ReviewGrammar.parse(text.substring(ReviewsTask.PROMPT_LENGTH), ReviewsTask.PAD));
    }

    @Override
    public boolean wellFormed() {
        return parse.wellFormed();
    }

    /** "good" or "bad" with the opening's index, "mixed", or "not a review". */
    @Override
    public String label() {
        if (!parse.parsed()) {
            return "not a review";
        }
        return parse.mixed() ? "mixed" : parse.review().sentiment() + " (opening " + parse.review().opening() + ")";
    }

    @Override
    public String problem() {
        if (!parse.parsed()) {
            return "not a review of the task's grammar: " + GRAMMAR;
        }
        return parse.mixed() ? "mixed: the adjectives and the verdict do not share one sentiment" : "";
    }

    /** "good" or "bad" for a well-formed review. */
    @Override
    public Object decision() {
        return parse.wellFormed() ? parse.review().sentiment() : null;
    }

    /**
     * wellFormed, parsed, mixed, and for a parsed review its sentiment (the first adjective's,
     * the one that reveals it), opening index and reveal position (as the task's own factors).
     */
    @Override
    public Map<String, Object> factors() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("label", label());
        f.put("wellFormed", parse.wellFormed());
        f.put("parsed", parse.parsed());
        f.put("mixed", parse.mixed());
        if (parse.parsed()) {
            f.put("sentiment", parse.review().sentiment());
            f.put("opening", parse.review().opening());
            f.put("reveal", parse.review().revealPosition());
        }
        return f;
    }

    /** Sentiment and opening agreement of groups of review readings. */
    static GroupReading measure(List<List<SampleReading>> groups) {
        ReviewGroupMetrics m = ReviewGroupMetrics.of(groups.stream()
                .map(g -> g.stream().map(r -> ((ReviewReading) r).parse()).toList()).toList());
        return new GroupReading("sentiment", m.samples(), m.wellFormedSamples(), m.wellFormed(), m.sentimentAgreement(),
                List.of(GroupReading.Measure.percent("opening agreement", "openingAgreement", m.openingAgreement())));
    }
}
