package ftx.engine.inside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.ModelHandle;
import ftx.engine.task.ReviewGrammar;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the Inside view's traversal shows on two bundled models (the numbers go to the README):
 * on the 1-bit model, which codes put the block letter next; on the reviews model, which codes
 * make the first adjective good or bad. Each shows as a spread of a probability across the codes,
 * decided by one bit.
 */
class InsideBundledModelsTest {
    /** The synthetic task's text with the block of C at body position start. */
    private static String blockAt(int start) {
        StringBuilder b = new StringBuilder("_".repeat(64));
        for (int i = start; i < start + 8; i++) {
            b.setCharAt(i, 'C');
        }
        return "C>" + b;
    }

    /** The bit whose codes differ most in f, and that difference (mean with the bit set minus without). */
    private static double[] decidingBit(List<TraversalRow> rows, int bits, ToDoubleFunction<TraversalRow> f) {
        double[] best = {-1, 0};
        for (int h = 0; h < bits; h++) {
            int bit = h;
            double on = rows.stream().filter(r -> (r.code() >> bit & 1) == 1).mapToDouble(f).average().orElse(0);
            double off = rows.stream().filter(r -> (r.code() >> bit & 1) == 0).mapToDouble(f).average().orElse(0);
            if (Math.abs(on - off) > Math.abs(best[1])) {
                best = new double[] {h, on - off};
            }
        }
        return best;
    }

    private static double spread(List<TraversalRow> rows, ToDoubleFunction<TraversalRow> f) {
        return rows.stream().mapToDouble(f).max().orElse(0) - rows.stream().mapToDouble(f).min().orElse(0);
    }

    @Test
    void onTheOneBitModelOneBitDecidesWhetherTheBlockLetterComesNext() throws Exception {
        ModelHandle m = ModelHandle.open(Path.of("../sample-models/synthetic-kappa-1-bit"));
        int start = 30;
        String text = blockAt(start);
        int c = m.vocabulary().index('C');
        InsideSequence s = new InsideSequence(m.model(), m.vocabulary().encode(text), ZChoice.MOST_LIKELY, 1, 32);
        int before = start + 1; // the symbol before the block's first letter (the prompt takes 2)
        ToDoubleFunction<TraversalRow> letter = r -> r.probs()[c];

        InsidePosition alone = s.at(before, null, 8);
        InsidePosition shared = s.at(before, null, 8, true);
        double[] bit = decidingBit(shared.traversal(), 8, letter);
        System.out.printf("1-bit model, t = %d: P(block letter next) across the 256 codes: at t alone %.3f..%.3f"
                        + " (spread %.3f); shared over 0..t %.3f..%.3f (spread %.3f), decided by bit %d (mean with it"
                        + " set minus without: %+.3f); with Z from the prior %.3f +- %.3f%n", before,
                min(alone.traversal(), letter), max(alone.traversal(), letter), spread(alone.traversal(), letter),
                min(shared.traversal(), letter), max(shared.traversal(), letter), spread(shared.traversal(), letter),
                (int) bit[0], bit[1], alone.priorMean()[c], alone.priorStd()[c]);
        assertTrue(spread(shared.traversal(), letter) >= 0.3, "the codes separate: block letter next or not");
        assertTrue(Math.abs(bit[1]) >= 0.3, "one bit decides it");

        // with Z elsewhere as chosen, the decision is taken earlier: 8 symbols before the block, one
        // bit moves the block's start in the greedy continuation
        InsidePosition early = s.at(start - 6, null, 12);
        double[] earlyBit = decidingBit(early.traversal(), 8, r -> firstLetter(r, c));
        Set<String> withBit = continuations(early.traversal(), (int) earlyBit[0], 1, m);
        Set<String> without = continuations(early.traversal(), (int) earlyBit[0], 0, m);
        System.out.printf("1-bit model, t = %d (8 symbols before the block), Z elsewhere as chosen: bit %d set -> %s,"
                + " clear -> %s%n", start - 6, (int) earlyBit[0], withBit, without);
        assertEquals(1, withBit.size(), "every code with the bit continues alike");
        assertEquals(1, without.size(), "every code without it too");
        assertNotEquals(withBit, without, "the bit moves where the block starts");
    }

    private static double firstLetter(TraversalRow r, int letter) {
        for (int i = 0; i < r.continuation().length; i++) {
            if (r.continuation()[i] == letter) {
                return i;
            }
        }
        return r.continuation().length;
    }

    private static Set<String> continuations(List<TraversalRow> rows, int bit, int value, ModelHandle m) {
        return rows.stream().filter(r -> (r.code() >> bit & 1) == value).map(r -> m.vocabulary().decode(r.continuation()))
                .collect(Collectors.toSet());
    }

    private static double min(List<TraversalRow> rows, ToDoubleFunction<TraversalRow> f) {
        return rows.stream().mapToDouble(f).min().orElse(0);
    }

    private static double max(List<TraversalRow> rows, ToDoubleFunction<TraversalRow> f) {
        return rows.stream().mapToDouble(f).max().orElse(0);
    }

    @Test
    void onTheReviewsModelOneBitDecidesTheFirstAdjectivesSentiment() throws Exception {
        ModelHandle m = ModelHandle.open(Path.of("../sample-models/reviews-kappa-1-8-bit"));
        String text = ">i saw it on friday. the acting was superb. the plot was clever. loved it!";
        int t = text.indexOf("superb") - 1;
        InsideSequence s = new InsideSequence(m.model(), m.vocabulary().encode(text), ZChoice.MOST_LIKELY, 1, 32);
        String good = onlyFirstLetters(ReviewGrammar.GOOD_ADJECTIVES, ReviewGrammar.BAD_ADJECTIVES);
        String bad = onlyFirstLetters(ReviewGrammar.BAD_ADJECTIVES, ReviewGrammar.GOOD_ADJECTIVES);
        ToDoubleFunction<TraversalRow> goodNext = r -> mass(r.probs(), good, m);
        ToDoubleFunction<TraversalRow> badNext = r -> mass(r.probs(), bad, m);
        InsidePosition alone = s.at(t, null, 8);
        InsidePosition shared = s.at(t, null, 8, true);
        double[] bit = decidingBit(shared.traversal(), 8, goodNext);
        long goodWords = shared.traversal().stream().filter(r -> startsWithAny(m.vocabulary().decode(r.continuation()),
                ReviewGrammar.GOOD_ADJECTIVES)).count();
        long badWords = shared.traversal().stream().filter(r -> startsWithAny(m.vocabulary().decode(r.continuation()),
                ReviewGrammar.BAD_ADJECTIVES)).count();
        System.out.printf("reviews model, t = %d (before the first adjective): P(a good-only first letter '%s') at t"
                        + " alone %.3f..%.3f; shared over 0..t %.3f..%.3f (spread %.3f), bad-only '%s' %.3f..%.3f; bit"
                        + " %d decides (%+.3f); greedy words: %d good, %d bad of %d codes%n", t, good,
                min(alone.traversal(), goodNext), max(alone.traversal(), goodNext), min(shared.traversal(), goodNext),
                max(shared.traversal(), goodNext), spread(shared.traversal(), goodNext), bad,
                min(shared.traversal(), badNext), max(shared.traversal(), badNext), (int) bit[0], bit[1], goodWords,
                badWords, shared.traversal().size());
        assertTrue(spread(shared.traversal(), goodNext) >= 0.3, "the codes separate good from bad");
        assertTrue(spread(shared.traversal(), badNext) >= 0.3);
        assertTrue(Math.abs(bit[1]) >= 0.3, "one bit decides it");
        assertTrue(goodWords >= 32 && badWords >= 32, "both sentiments among the continuations");
    }

    /** First letters of the words of one list that start no word of the other. */
    private static String onlyFirstLetters(List<String> words, List<String> others) {
        return words.stream().map(w -> w.substring(0, 1)).distinct()
                .filter(l -> others.stream().noneMatch(o -> o.startsWith(l))).collect(Collectors.joining());
    }

    private static double mass(double[] probs, String letters, ModelHandle m) {
        double sum = 0;
        for (char ch : letters.toCharArray()) {
            sum += probs[m.vocabulary().index(ch)];
        }
        return sum;
    }

    private static boolean startsWithAny(String text, List<String> words) {
        return words.stream().anyMatch(text::startsWith);
    }
}
