package ftx.engine.analysis;

import ftx.engine.analysis.SyntheticEvaluationReport.FreshDataReport;
import ftx.engine.model.FreeTransformer;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.SyntheticTask;
import ftx.engine.task.Task;
import java.util.List;

/**
 * A quick look at what Z decides in a model, small enough to run every few seconds while it
 * trains: the group method of {@link SyntheticEvaluation} (or {@link ReviewsEvaluation}) with few
 * groups, CE and KL on a few fresh samples, and the {@link BitDictionary}. On the synthetic task
 * the agreement is on the block start within +-1 ({@link GroupMetrics#nearAgreement()}); on the
 * reviews task, on the sentiment; a text file has no known decision, only the CE numbers.
 */
public final class ZProbe {
    public static final String BLOCK_START = "block start within +-1";
    public static final String SENTIMENT = "sentiment";

    /**
     * @param groups     groups per mode
     * @param samples    samples per group
     * @param freshData  fresh task samples for CE, KL and the bit dictionary
     */
    public record Settings(int groups, int samples, int freshData) {
        /** 10 groups of 5 per mode and 64 fresh samples: about a second for the bundled models. */
        public static Settings defaults() {
            return new Settings(10, 5, 64);
        }
    }

    private ZProbe() {
    }

    /** Measures a model of the task; everything random comes from seed. */
    public static ProbeReading measure(FreeTransformer model, Task task, int step, Settings s, long seed) {
        long t0 = System.nanoTime();
        SyntheticEvaluation.Settings eval = new SyntheticEvaluation.Settings(s.groups(), s.samples(), s.freshData(), 1.0, seed);
        BitDictionary.Report bits = model.config().hasLatent()
                ? BitDictionary.measure(model, task, s.freshData(), seed)
                : new BitDictionary.Report(List.of(), new double[0][], new double[0], 0, 0);
        double nan = Double.NaN;
        if (task instanceof SyntheticTask) {
            SyntheticEvaluationReport r = SyntheticEvaluation.run(model, eval);
            GroupMetrics fresh = r.fresh().metrics();
            GroupMetrics shared = r.shared() == null ? null : r.shared().metrics();
            FreshDataReport d = r.freshData();
            return new ProbeReading(step, BLOCK_START, shared == null ? nan : shared.nearAgreement(), fresh.nearAgreement(),
                    fresh.crossGroupNearAgreement(), shared == null ? nan : shared.nearMode(), fresh.nearMode(),
                    fresh.nearModeChance(), shared == null ? nan : shared.noiseOverlap(), fresh.noiseOverlap(),
                    fresh.wellFormed(), d.ce(), d.cePrior(), d.klPerToken(), bits,
                    r.shared() == null ? List.of() : r.shared().firstGroup(), r.fresh().firstGroup(), millis(t0));
        }
        if (task instanceof ReviewsTask) {
            ReviewsEvaluation.Report r = ReviewsEvaluation.run(model, eval);
            ReviewGroupMetrics fresh = r.fresh().metrics();
            ReviewGroupMetrics shared = r.shared() == null ? null : r.shared().metrics();
            FreshDataReport d = r.freshData();
            return new ProbeReading(step, SENTIMENT, shared == null ? nan : shared.sentimentAgreement(),
                    fresh.sentimentAgreement(), fresh.crossGroupSentimentAgreement(), nan, nan, nan, nan, nan,
                    fresh.wellFormed(), d.ce(), d.cePrior(), d.klPerToken(), bits,
                    r.shared() == null ? List.of() : r.shared().firstGroup(), r.fresh().firstGroup(), millis(t0));
        }
        FreshDataReport d = FreshData.measure(model, task, s.freshData(), new ftx.engine.util.Rng(seed), null);
        return new ProbeReading(step, "", nan, nan, nan, nan, nan, nan, nan, nan, nan, d.ce(), d.cePrior(), d.klPerToken(),
                bits, List.of(), List.of(), millis(t0));
    }

    private static double millis(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
