package ftx.engine.task;

import ftx.engine.util.Rng;
import java.util.List;
import java.util.Optional;

/**
 * The grammar of the reviews task: the paper's motivating example (Fleuret 2025, section 1) of a
 * text whose sentiment is decided before any word reveals it. A review is
 * {@code OPENING " " NOUN " was " ADJ ". " NOUN " was " ADJ ". " VERDICT}: the opening is
 * neutral, and the sentiment (good or bad) first shows in the first adjective; the second
 * adjective and the verdict agree with it. Every phrase list is fixed, so a generated text can be
 * parsed back ({@link #parse}) and its sentiment read off.
 */
public final class ReviewGrammar {
    public static final List<String> OPENINGS = List.of("i saw it on friday.", "we went last night.",
            "my son chose this one.", "i rented it at home.", "saw it with a friend.", "we saw the late show.",
            "i went in blind.", "my wife picked it.");
    public static final List<String> NOUNS = List.of("the acting", "the plot", "the music", "the ending", "the cast",
            "the script");
    public static final List<String> GOOD_ADJECTIVES = List.of("superb", "clever", "moving", "great", "fresh");
    public static final List<String> BAD_ADJECTIVES = List.of("dull", "awful", "weak", "silly", "flat");
    public static final List<String> GOOD_VERDICTS = List.of("loved it!", "see it!", "a gem!");
    public static final List<String> BAD_VERDICTS = List.of("hated it.", "skip it.", "a mess.");
    /** The longest review the grammar makes, in characters. */
    public static final int MAX_LENGTH = longest(OPENINGS) + " ".length() + 2 * (longest(NOUNS) + " was ".length()
            + Math.max(longest(GOOD_ADJECTIVES), longest(BAD_ADJECTIVES)) + ". ".length())
            + Math.max(longest(GOOD_VERDICTS), longest(BAD_VERDICTS));

    private ReviewGrammar() {
    }

    /** The generative factors of one review. */
    public record Review(boolean good, int opening, int noun1, int adjective1, int noun2, int adjective2, int verdict) {
        public String text() {
            List<String> adjectives = good ? GOOD_ADJECTIVES : BAD_ADJECTIVES;
            return OPENINGS.get(opening) + " " + NOUNS.get(noun1) + " was " + adjectives.get(adjective1) + ". "
                    + NOUNS.get(noun2) + " was " + adjectives.get(adjective2) + ". "
                    + (good ? GOOD_VERDICTS : BAD_VERDICTS).get(verdict);
        }

        /** Character index of the first word that reveals the sentiment (the first adjective). */
        public int revealPosition() {
            return OPENINGS.get(opening).length() + 1 + NOUNS.get(noun1).length() + " was ".length();
        }

        public String sentiment() {
            return good ? "good" : "bad";
        }
    }

    /** Draws a review: sentiment first (uniform), then every phrase uniformly; the two nouns differ. */
    public static Review draw(Rng rng) {
        boolean good = rng.nextInt(2) == 0;
        int opening = rng.nextInt(OPENINGS.size());
        int noun1 = rng.nextInt(NOUNS.size());
        int noun2 = rng.nextInt(NOUNS.size() - 1);
        if (noun2 >= noun1) {
            noun2++;
        }
        int adjectives = GOOD_ADJECTIVES.size();
        return new Review(good, opening, noun1, rng.nextInt(adjectives), noun2, rng.nextInt(adjectives),
                rng.nextInt(GOOD_VERDICTS.size()));
    }

    /** What a text is: a review of the grammar (possibly of mixed sentiment), or not. */
    public record Parse(boolean parsed, boolean mixed, Review review) {
        /** Parsed with one sentiment throughout: what the task produces. */
        public boolean wellFormed() {
            return parsed && !mixed;
        }
    }

    /**
     * Parses a review followed only by padding {@code pad} characters. Mixed reviews (adjectives
     * or verdict of different sentiments) parse with {@code mixed} set; their review holds the
     * first adjective's sentiment.
     */
    public static Parse parse(String text, char pad) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == pad) {
            end--;
        }
        String s = text.substring(0, end);
        Cursor c = new Cursor(s);
        Optional<Integer> opening = c.oneOf(OPENINGS);
        boolean ok = opening.isPresent() && c.literal(" ");
        Optional<Integer> noun1 = ok ? c.oneOf(NOUNS) : Optional.empty();
        ok = noun1.isPresent() && c.literal(" was ");
        Adjective a1 = ok ? c.adjective() : null;
        ok = a1 != null && c.literal(". ");
        Optional<Integer> noun2 = ok ? c.oneOf(NOUNS) : Optional.empty();
        ok = noun2.isPresent() && c.literal(" was ");
        Adjective a2 = ok ? c.adjective() : null;
        ok = a2 != null && c.literal(". ");
        Optional<Integer> goodVerdict = ok ? c.oneOf(GOOD_VERDICTS) : Optional.empty();
        Optional<Integer> badVerdict = ok && goodVerdict.isEmpty() ? c.oneOf(BAD_VERDICTS) : Optional.empty();
        if (!ok || (goodVerdict.isEmpty() && badVerdict.isEmpty()) || !c.atEnd()) {
            return new Parse(false, false, null);
        }
        boolean verdictGood = goodVerdict.isPresent();
        boolean mixed = a1.good() != a2.good() || a1.good() != verdictGood;
        Review r = new Review(a1.good(), opening.get(), noun1.get(), a1.index(), noun2.get(), a2.index(),
                verdictGood ? goodVerdict.get() : badVerdict.get());
        return new Parse(true, mixed, r);
    }

    private record Adjective(boolean good, int index) {
    }

    /** Left-to-right matching; every phrase list is prefix-free after its following literal. */
    private static final class Cursor {
        private final String s;
        private int at;

        Cursor(String s) {
            this.s = s;
        }

        Optional<Integer> oneOf(List<String> phrases) {
            int best = -1;
            for (int i = 0; i < phrases.size(); i++) { // the longest match wins ("the cast" vs a longer noun)
                if (s.startsWith(phrases.get(i), at) && (best < 0 || phrases.get(i).length() > phrases.get(best).length())) {
                    best = i;
                }
            }
            if (best < 0) {
                return Optional.empty();
            }
            at += phrases.get(best).length();
            return Optional.of(best);
        }

        Adjective adjective() {
            Optional<Integer> good = oneOf(GOOD_ADJECTIVES);
            if (good.isPresent()) {
                return new Adjective(true, good.get());
            }
            return oneOf(BAD_ADJECTIVES).map(i -> new Adjective(false, i)).orElse(null);
        }

        boolean literal(String text) {
            if (!s.startsWith(text, at)) {
                return false;
            }
            at += text.length();
            return true;
        }

        boolean atEnd() {
            return at == s.length();
        }
    }

    private static int longest(List<String> phrases) {
        return phrases.stream().mapToInt(String::length).max().orElse(0);
    }
}
