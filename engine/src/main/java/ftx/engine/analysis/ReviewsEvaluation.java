package ftx.engine.analysis;

import ftx.engine.analysis.SyntheticEvaluationReport.FreshDataReport;
import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.task.ReviewGrammar;
import ftx.engine.task.ReviewsTask;
import ftx.engine.util.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Does Z decide a review's sentiment up front? The group method of {@link SyntheticEvaluation}
 * on the reviews task: G groups of S reviews generated from the prompt {@code >}, with fresh Z
 * or one shared Z sequence per group, parsed by {@link ReviewGrammar}; sentiment agreement
 * within groups against the chance level across groups. The collision information
 * {@code ln(shared agreement / chance)} is at most ln 2 = 0.69 nats (one bit) when Z fixes the
 * sentiment. Plus CE and KL on fresh reviews. Randomness from {@code settings.seed()}: the fresh
 * mode's generation seed, the shared mode's, the fresh data's generator, the shared Z draws.
 */
public final class ReviewsEvaluation {
    private ReviewsEvaluation() {
    }

    /** One generation mode: its metrics and the texts of its first group. */
    public record Mode(String mode, ReviewGroupMetrics metrics, List<String> firstGroup) {
        public Mode {
            firstGroup = List.copyOf(firstGroup);
        }
    }

    /**
     * What was measured; {@code shared} is null and the information NaN for a baseline model.
     *
     * @param sentimentInformation {@code ln(shared.sentimentAgreement / fresh.crossGroupSentimentAgreement)}, nats
     */
    public record Report(SyntheticEvaluation.Settings settings, int latentBits, Mode fresh, Mode shared,
                         FreshDataReport freshData, double sentimentInformation) {
    }

    public static Report run(FreeTransformer model, SyntheticEvaluation.Settings settings) {
        FreeTransformerConfig c = model.config();
        if (c.vocabSize() != ReviewsTask.SYMBOLS.length()) {
            throw new IllegalArgumentException("the reviews evaluation needs the reviews task's vocabulary ("
                    + ReviewsTask.SYMBOLS.length() + " symbols), the model has " + c.vocabSize());
        }
        Rng master = new Rng(settings.seed());
        long freshSeed = master.nextLong();
        long sharedSeed = master.nextLong();
        Rng dataRng = master.split();
        Mode fresh = mode("fresh", model, settings, freshSeed, null);
        Mode shared = c.hasLatent() ? mode("shared", model, settings, sharedSeed, master) : null;
        FreshDataReport data = FreshData.measure(model, new ReviewsTask(), settings.freshData(), dataRng,
                s -> ReviewsTask.PROMPT_LENGTH + ((Number) s.factors().get("reveal")).intValue());
        double info = shared == null ? Double.NaN : SyntheticEvaluation.collisionInformation(
                shared.metrics().sentimentAgreement(), fresh.metrics().crossGroupSentimentAgreement());
        return new Report(settings, c.latentBits(), fresh, shared, data, info);
    }

    private static Mode mode(String name, FreeTransformer model, SyntheticEvaluation.Settings settings, long seed,
                             Rng sharedZ) {
        int perGroup = settings.samplesPerGroup();
        int[][] prompts = new int[settings.groups()][];
        Arrays.fill(prompts, ReviewsTask.prompt());
        int[][] tokens = GroupSampling.generate(model, prompts, perGroup, ReviewsTask.BODY_LENGTH,
                settings.temperature(), seed, sharedZ);
        ReviewsTask task = new ReviewsTask();
        List<List<ReviewGrammar.Parse>> groups = new ArrayList<>();
        List<String> first = new ArrayList<>();
        for (int i = 0; i < prompts.length; i++) {
            List<ReviewGrammar.Parse> group = new ArrayList<>();
            for (int k = 0; k < perGroup; k++) {
                String text = task.vocabulary().decode(tokens[i * perGroup + k]).substring(ReviewsTask.PROMPT_LENGTH);
                group.add(ReviewGrammar.parse(text, ReviewsTask.PAD));
                if (i == 0) {
                    first.add(text);
                }
            }
            groups.add(group);
        }
        return new Mode(name, ReviewGroupMetrics.of(groups), first);
    }
}
