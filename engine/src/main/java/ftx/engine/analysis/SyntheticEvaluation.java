package ftx.engine.analysis;

import ftx.engine.analysis.SyntheticEvaluationReport.FreshDataReport;
import ftx.engine.analysis.SyntheticEvaluationReport.ModeReport;
import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.task.SyntheticFactors;
import ftx.engine.task.SyntheticTask;
import ftx.engine.task.Vocabulary;
import ftx.engine.util.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures what Z decides in a model of the synthetic task, by the method of Fleuret 2025,
 * "The Free Transformer", section 4.1 (Figure 4): G groups of S generations from one prompt
 * {@code c>} per group (the letter drawn per group from the seed, or one for all), with 64 new symbols each, in
 * two modes: {@code fresh}, where every sample draws its own Z from the uniform prior at every
 * generated position ({@code ZPolicy.prior()}), and {@code shared}, where the S samples of a
 * group share one Z sequence drawn from the prior at the generated positions (the prompt keeps
 * each sample's posterior, as in {@code ftx generate --z shared}). Each mode is measured by
 * {@link GroupMetrics} on {@link SyntheticParse}d samples.
 *
 * <p>On N fresh task samples it also measures the CE per predicted position with the encoder's
 * Z, the mean KL per position, and the CE when Z is drawn from the uniform prior at every
 * position ({@code ZSource.given(random)}).
 *
 * <p><b>Information between Z and the block start.</b> The estimator is the collision (Rényi
 * order 2) information {@code I2 = ln(A_shared / A_chance)}: {@code A_shared} is the shared
 * mode's start agreement, an unbiased estimate of {@code E_Z[sum_s p(s|Z)^2]} (pairs drawn under
 * one Z), and {@code A_chance} is the fresh mode's cross-group agreement, an estimate of
 * {@code sum_s p(s)^2} for the marginal start distribution. I2 is 0 when the start does not
 * depend on Z, is at least 0 in expectation (Jensen), and equals the Shannon information when Z
 * fixes the start outright (then {@code ln 1/A_chance}, ln 57 = 4.04 nats for a uniform start)
 * or not at all; in between it is a different measure of dependence, not a bound. It is read
 * from generated samples only, needs no probe, and uses groups of any size without the bias of
 * plug-in entropies on 5 samples. It is NaN when a term is 0 or undefined (raise the group
 * count). The posterior gives an upper bound of the Shannon information, reported beside it:
 * the mean total KL per sequence ({@link FreshDataReport#klPerSequence()}) bounds I(X; Z), hence
 * I(start; Z). Baseline models (H = 0) have no Z: fresh mode only, Z numbers NaN.
 *
 * <p>Randomness, all from {@code settings.seed()} in this order: the group letters, the fresh
 * mode's generation seed, the shared mode's, the fresh data's generator, the shared Z draws.
 */
public final class SyntheticEvaluation {
    private static final int P = SyntheticTask.PROMPT_LENGTH;
    private static final int NEW = SyntheticTask.BODY_LENGTH;

    private SyntheticEvaluation() {
    }

    /**
     * How to evaluate.
     *
     * @param groups          G, groups per mode
     * @param samplesPerGroup S, samples per group (at least 2, for pairs)
     * @param freshData       N, fresh task samples for CE and KL (0 skips them: NaN)
     * @param temperature     sampling temperature of the generations (0 = greedy)
     * @param seed            seed of everything random in the evaluation
     * @param letter          the prompt letter of every group ('A'..'Z'), or 0 for a letter drawn per group
     */
    public record Settings(int groups, int samplesPerGroup, int freshData, double temperature, long seed, char letter) {
        public Settings(int groups, int samplesPerGroup, int freshData, double temperature, long seed) {
            this(groups, samplesPerGroup, freshData, temperature, seed, (char) 0);
        }

        public Settings {
            if (letter != 0 && (letter < 'A' || letter > 'Z')) {
                throw new IllegalArgumentException("the prompt letter must be A..Z, got '" + letter + "'");
            }
            if (groups < 1) {
                throw new IllegalArgumentException("need at least 1 group, got " + groups);
            }
            if (samplesPerGroup < 2) {
                throw new IllegalArgumentException("need at least 2 samples per group (agreement is over pairs), got "
                        + samplesPerGroup);
            }
            if ((long) groups * samplesPerGroup > 100_000) {
                throw new IllegalArgumentException("groups x samples = " + (long) groups * samplesPerGroup
                        + " is more than 100000 generations");
            }
            if (freshData < 0) {
                throw new IllegalArgumentException("fresh data must be >= 0 samples, got " + freshData);
            }
            if (!(temperature >= 0) || !Double.isFinite(temperature)) {
                throw new IllegalArgumentException("temperature must be >= 0, got " + temperature);
            }
        }

        /** Like the paper: 20 groups of 5, 256 fresh samples, temperature 1, seed 1. */
        public static Settings defaults() {
            return new Settings(20, 5, 256, 1.0, 1);
        }
    }

    /** Evaluates a model whose vocabulary is the synthetic task's ({@link SyntheticTask#SYMBOLS}). */
    public static SyntheticEvaluationReport run(FreeTransformer model, Settings settings) {
        FreeTransformerConfig c = model.config();
        if (c.vocabSize() != SyntheticTask.SYMBOLS.length()) {
            throw new IllegalArgumentException("the synthetic evaluation needs the synthetic task's vocabulary ("
                    + SyntheticTask.SYMBOLS.length() + " symbols), the model has " + c.vocabSize());
        }
        if (model.maxPositions() < SyntheticTask.SEQUENCE_LENGTH) {
            throw new IllegalArgumentException("the model handles " + model.maxPositions() + " positions, the task needs "
                    + SyntheticTask.SEQUENCE_LENGTH);
        }
        int g = settings.groups();
        int s = settings.samplesPerGroup();
        Rng master = new Rng(settings.seed());
        int[] letters = new int[g];
        for (int i = 0; i < g; i++) {
            letters[i] = 1 + master.nextInt(SyntheticTask.LETTERS); // drawn even when fixed: the same stream after
            if (settings.letter() != 0) {
                letters[i] = 1 + settings.letter() - 'A';
            }
        }
        long freshSeed = master.nextLong();
        long sharedSeed = master.nextLong();
        Rng dataRng = master.split();

        ModeReport fresh = mode("fresh", model, letters, s, settings.temperature(), freshSeed, null);
        ModeReport shared = c.hasLatent()
                ? mode("shared", model, letters, s, settings.temperature(), sharedSeed, master) : null;
        FreshDataReport data = FreshData.measure(model, new SyntheticTask(), settings.freshData(), dataRng,
                sample -> P + ((Number) sample.factors().get(SyntheticFactors.START)).intValue()); // input P+start-1 predicts the first letter
        double chance = fresh.metrics().crossGroupStartAgreement();
        double entropy = chance > 0 ? -Math.log(chance) : Double.NaN;
        double info = shared == null ? Double.NaN : collisionInformation(shared.metrics().startAgreement(), chance);
        return new SyntheticEvaluationReport(settings, c.latentBits(), fresh, shared, data, info, entropy);
    }

    /**
     * The collision information {@code ln(sharedAgreement / chanceAgreement)} in nats (see the
     * class comment); NaN when either agreement is 0 or NaN (not estimable from these samples).
     */
    public static double collisionInformation(double sharedAgreement, double chanceAgreement) {
        if (!(sharedAgreement > 0) || !(chanceAgreement > 0)) {
            return Double.NaN;
        }
        return Math.log(sharedAgreement / chanceAgreement);
    }

    private static ModeReport mode(String name, FreeTransformer model, int[] letters, int perGroup, double temperature,
                                   long seed, Rng sharedZ) {
        int[][] prompts = new int[letters.length][];
        for (int i = 0; i < letters.length; i++) {
            prompts[i] = new int[] {letters[i], SyntheticTask.PROMPT_END};
        }
        int[][] tokens = GroupSampling.generate(model, prompts, perGroup, NEW, temperature, seed, sharedZ);
        List<List<SyntheticParse>> groups = new ArrayList<>();
        for (int i = 0; i < letters.length; i++) {
            List<SyntheticParse> group = new ArrayList<>();
            for (int k = 0; k < perGroup; k++) {
                group.add(SyntheticParse.of(tokens[i * perGroup + k]));
            }
            groups.add(group);
        }
        List<List<String>> texts = new ArrayList<>();
        for (int i = 0; i < letters.length; i++) {
            List<String> group = new ArrayList<>();
            for (int k = 0; k < perGroup; k++) {
                group.add(Vocabulary.synthetic().decode(tokens[i * perGroup + k]));
            }
            texts.add(group);
        }
        return new ModeReport(name, GroupMetrics.of(groups), texts);
    }
}
