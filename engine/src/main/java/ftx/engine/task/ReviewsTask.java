package ftx.engine.task;

import ftx.engine.util.Rng;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Short character-level movie reviews from {@link ReviewGrammar}, each decided good or bad before
 * its first word is written, with the sentiment recorded: the paper's motivating example. A
 * sample is the prompt {@code >} then the review, padded with {@code _} to {@link #BODY_LENGTH}
 * characters. Factors: {@code sentiment} ("good"/"bad"), {@code reveal} (body index of the first
 * word that shows the sentiment), {@code opening} (index of the neutral first sentence).
 */
public final class ReviewsTask implements Task {
    public static final String NAME = "reviews";
    public static final String SYMBOLS = "_ .!>abcdefghijklmnopqrstuvwxyz";
    public static final char PAD = '_';
    public static final char PROMPT = '>';
    public static final int PROMPT_LENGTH = 1;
    /** Characters after the prompt: the longest review plus at least one pad. */
    public static final int BODY_LENGTH = 80;
    public static final int SEQUENCE_LENGTH = PROMPT_LENGTH + BODY_LENGTH;
    private static final Vocabulary VOCABULARY = new Vocabulary(SYMBOLS);

    static {
        if (ReviewGrammar.MAX_LENGTH >= BODY_LENGTH) {
            throw new IllegalStateException("reviews of " + ReviewGrammar.MAX_LENGTH + " characters do not fit " + BODY_LENGTH);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Vocabulary vocabulary() {
        return VOCABULARY;
    }

    @Override
    public int sequenceLength() {
        return SEQUENCE_LENGTH;
    }

    @Override
    public int promptLength() {
        return PROMPT_LENGTH;
    }

    /** The prompt's tokens. */
    public static int[] prompt() {
        return VOCABULARY.encode(String.valueOf(PROMPT));
    }

    /**
     * Every choice of the grammar, over the BODY_LENGTH predicted positions: sentiment ln 2,
     * opening, two different nouns, two adjectives, verdict (about 0.131 nats). Distinct choices
     * give distinct texts, so this is the exact entropy per position.
     */
    @Override
    public double entropyFloor() {
        double nats = Math.log(2) + Math.log(ReviewGrammar.OPENINGS.size())
                + Math.log(ReviewGrammar.NOUNS.size()) + Math.log(ReviewGrammar.NOUNS.size() - 1)
                + 2 * Math.log(ReviewGrammar.GOOD_ADJECTIVES.size()) + Math.log(ReviewGrammar.GOOD_VERDICTS.size());
        return nats / BODY_LENGTH;
    }

    @Override
    public Sample sample(Rng rng) {
        ReviewGrammar.Review r = ReviewGrammar.draw(rng);
        String text = PROMPT + r.text();
        int[] tokens = VOCABULARY.encode(text + String.valueOf(PAD).repeat(SEQUENCE_LENGTH - text.length()));
        Map<String, Object> factors = new LinkedHashMap<>();
        factors.put("sentiment", r.sentiment());
        factors.put("reveal", r.revealPosition());
        factors.put("opening", r.opening());
        return new Sample(tokens, factors);
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", NAME);
        d.put("symbols", SYMBOLS);
        d.put("sequenceLength", SEQUENCE_LENGTH);
        d.put("promptLength", PROMPT_LENGTH);
        return Collections.unmodifiableMap(d);
    }

    @Override
    public String toString() {
        return "ReviewsTask";
    }
}
