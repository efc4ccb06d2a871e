package ftx.app.train;

import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.KlBudget;
import ftx.engine.train.LatentRecipe;
import ftx.engine.train.TrainingConfig;
import ftx.engine.train.TrainingThreads;
import java.nio.file.Path;

/**
 * Every hyperparameter of a training run as the user edits it. Validation is the engine's own:
 * {@link #validate()} builds the engine's config records, whose messages name the bad value.
 */
public final class TrainSettings {
    /** Task: the paper's synthetic task, the reviews task, or a text file for the character-level task. */
    public enum TaskKind { SYNTHETIC, REVIEWS, TEXT_FILE }

    public TaskKind task = TaskKind.SYNTHETIC;
    public Path textFile;
    public int sequenceLength = 64;
    public int dModel = 64;
    public int layers = 4;
    public int heads = 4;
    public int ffnHidden = 192;
    public int latentBits = 8;
    public double kappaBits = 0.125;
    public int steps = 2000;
    public int batchSize = 32;
    public double learningRate = 1e-3;
    public int warmupSteps = 100;
    public double weightDecay = 0.1;
    public double gradClip = 1.0;
    public long seed = 1;
    public int saveEvery = 250;
    /** The latent recipe (the paper's unless changed: see LatentRecipe). */
    public KlBudget klBudget = KlBudget.PER_TOKEN;
    public double latentLrScale = 1;
    public double kappaStartBits = 0;
    public int kappaWarmupSteps = 0;
    public int encoderFreezeStep = 0;
    public double priorZShare = 0;
    public int priorZFrom = 0;
    public double matchingLambda = 0;
    public double capacityGamma = 0;
    public int kappaCycleSteps = 0;
    public double kappaHoldBits = 0;
    public int kappaHoldSteps = 0;
    /** Seconds of training between two probes of what Z decides (0 = no probe; not part of the run's numbers). */
    public double probeSeconds = 5;
    /** Threads per training step (not part of the run: its numbers are the same either way). */
    public int trainingThreads = TrainingThreads.count();

    /** Vocabulary size of the synthetic task; a text task brings its own. */
    static final int SYNTHETIC_VOCAB = 29;

    public FreeTransformerConfig modelConfig(int vocabSize) {
        return new FreeTransformerConfig(vocabSize, dModel, layers, heads, ffnHidden, latentBits, 10000.0, 1e-5);
    }

    public TrainingConfig trainingConfig() {
        return new TrainingConfig(steps, batchSize, learningRate, warmupSteps, 0.1, weightDecay, 0.9, 0.95, 1e-8, gradClip,
                kappaBits * TrainingConfig.LOG2, seed, saveEvery,
                new LatentRecipe(klBudget, kappaStartBits * TrainingConfig.LOG2, kappaWarmupSteps, latentLrScale,
                        encoderFreezeStep, priorZShare, priorZFrom, matchingLambda, capacityGamma, kappaCycleSteps,
                        kappaHoldBits * TrainingConfig.LOG2, kappaHoldSteps));
    }

    /** The first problem with these settings, as a sentence, or null when they are valid. */
    public String validate() {
        if (task == TaskKind.TEXT_FILE && textFile == null) {
            return "choose a text file for the character-level task";
        }
        if (!(probeSeconds >= 0) || !Double.isFinite(probeSeconds)) {
            return "the probe interval must be >= 0 seconds (0 = off), got " + probeSeconds;
        }
        if (trainingThreads < 1 || trainingThreads > 2) {
            return "training threads must be 1 or 2, got " + trainingThreads;
        }
        try {
            modelConfig(SYNTHETIC_VOCAB);
            trainingConfig();
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    public TrainSettings copy() {
        TrainSettings c = new TrainSettings();
        c.task = task;
        c.textFile = textFile;
        c.sequenceLength = sequenceLength;
        c.dModel = dModel;
        c.layers = layers;
        c.heads = heads;
        c.ffnHidden = ffnHidden;
        c.latentBits = latentBits;
        c.kappaBits = kappaBits;
        c.steps = steps;
        c.batchSize = batchSize;
        c.learningRate = learningRate;
        c.warmupSteps = warmupSteps;
        c.weightDecay = weightDecay;
        c.gradClip = gradClip;
        c.seed = seed;
        c.saveEvery = saveEvery;
        c.klBudget = klBudget;
        c.latentLrScale = latentLrScale;
        c.kappaStartBits = kappaStartBits;
        c.kappaWarmupSteps = kappaWarmupSteps;
        c.encoderFreezeStep = encoderFreezeStep;
        c.priorZShare = priorZShare;
        c.priorZFrom = priorZFrom;
        c.matchingLambda = matchingLambda;
        c.capacityGamma = capacityGamma;
        c.kappaCycleSteps = kappaCycleSteps;
        c.kappaHoldBits = kappaHoldBits;
        c.kappaHoldSteps = kappaHoldSteps;
        c.trainingThreads = trainingThreads;
        c.probeSeconds = probeSeconds;
        return c;
    }
}
