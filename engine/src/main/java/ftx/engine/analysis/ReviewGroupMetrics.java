package ftx.engine.analysis;

import ftx.engine.task.ReviewGrammar;
import java.util.List;

/**
 * What the members of groups of generated reviews have in common (the group method of the
 * synthetic task, {@link GroupMetrics}, applied to the reviews task). Only well-formed members
 * (parsed by {@link ReviewGrammar}, one sentiment throughout) take part in pairs.
 *
 * @param groups                       number of groups
 * @param samples                      samples in all groups
 * @param wellFormedSamples            well-formed samples in all groups
 * @param wellFormed                   wellFormedSamples / samples
 * @param mixedSamples                 samples that parse but change sentiment on the way
 * @param sentimentAgreement           mean over groups of the fraction of pairs with the same sentiment
 * @param openingAgreement             the same for the neutral opening sentence
 * @param crossGroupSentimentAgreement same-sentiment fraction of pairs across groups: the chance level
 * @param goodFraction                 fraction of well-formed samples that are good reviews
 */
public record ReviewGroupMetrics(int groups, int samples, int wellFormedSamples, double wellFormed, int mixedSamples,
                                 double sentimentAgreement, double openingAgreement,
                                 double crossGroupSentimentAgreement, double goodFraction) {

    /** Measures groups of parsed reviews. */
    public static ReviewGroupMetrics of(List<List<ReviewGrammar.Parse>> groups) {
        int samples = groups.stream().mapToInt(List::size).sum();
        List<List<ReviewGrammar.Review>> ok = groups.stream()
                .map(g -> g.stream().filter(ReviewGrammar.Parse::wellFormed).map(ReviewGrammar.Parse::review).toList())
                .toList();
        int good = ok.stream().mapToInt(List::size).sum();
        int mixed = (int) groups.stream().flatMap(List::stream).filter(p -> p.parsed() && p.mixed()).count();
        List<List<Boolean>> sentiment = ok.stream().map(g -> g.stream().map(ReviewGrammar.Review::good).toList()).toList();
        List<List<Integer>> opening = ok.stream().map(g -> g.stream().map(ReviewGrammar.Review::opening).toList()).toList();
        long goodReviews = sentiment.stream().flatMap(List::stream).filter(b -> b).count();
        return new ReviewGroupMetrics(groups.size(), samples, good, samples == 0 ? Double.NaN : (double) good / samples,
                mixed, PairAgreement.within(sentiment), PairAgreement.within(opening), PairAgreement.across(sentiment),
                good == 0 ? Double.NaN : (double) goodReviews / good);
    }
}
