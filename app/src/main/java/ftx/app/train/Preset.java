package ftx.app.train;

import ftx.engine.model.KlBudget;
import ftx.engine.train.LatentRecipe;
import ftx.engine.train.TrainingConfig;

/**
 * Starting points for the paper's experiment (Fleuret 2025, section 4.1, Figure 4): the four
 * free-bits budgets, each with the steps and latent recipe of its bundled model, and a model size
 * that trains in minutes on 2 cores or the paper's toy size.
 */
public enum Preset {
    KAPPA_1_64("kappa 1/64 bit: Z unused", 1.0 / 64, 8, 64, 4, 192, 32, 1000, LatentRecipe.PAPER),
    KAPPA_1_8("kappa 1/8 bit: Z takes the block position (batch free bits, kappa from 1 bit, encoder frozen at 4000)",
            0.125, 8, 64, 4, 192, 32, 6000, new LatentRecipe(KlBudget.GLOBAL, TrainingConfig.LOG2, 1500, 1, 4000, 0, 0)),
    KAPPA_1("kappa 1 bit: position and noise", 1.0, 8, 64, 4, 192, 32, 4000, LatentRecipe.PAPER),
    KAPPA_8("kappa 8 bits: Z carries everything", 8.0, 8, 64, 4, 192, 32, 1000, LatentRecipe.PAPER),
    PAPER_TOY("paper toy size (D=128, L=4, batch 64), kappa 1/8 bit", 0.125, 8, 128, 4, 384, 64, 0, null),
    TINY("tiny (D=32, L=2): seconds per hundred steps", 0.125, 4, 32, 2, 64, 16, 0, null);

    public final String label;
    final double kappaBits;
    final int latentBits;
    final int dModel;
    final int layers;
    final int ffnHidden;
    final int batchSize;
    /** Steps and latent recipe of the bundled model this preset remakes (sample-models/make.sh); 0 and null = keep the settings'. */
    final int steps;
    final LatentRecipe recipe;

    Preset(String label, double kappaBits, int latentBits, int dModel, int layers, int ffnHidden, int batchSize, int steps,
           LatentRecipe recipe) {
        this.label = label;
        this.kappaBits = kappaBits;
        this.latentBits = latentBits;
        this.dModel = dModel;
        this.layers = layers;
        this.ffnHidden = ffnHidden;
        this.batchSize = batchSize;
        this.steps = steps;
        this.recipe = recipe;
    }

    /** Writes this preset's values into the settings (other fields unchanged). */
    public void applyTo(TrainSettings s) {
        s.kappaBits = kappaBits;
        s.latentBits = latentBits;
        s.dModel = dModel;
        s.layers = layers;
        s.heads = dModel >= 64 ? 4 : 2;
        s.ffnHidden = ffnHidden;
        s.batchSize = batchSize;
        if (steps > 0) {
            s.steps = steps;
        }
        if (recipe != null) {
            s.klBudget = recipe.klBudget();
            s.kappaStartBits = recipe.kappaStart() / TrainingConfig.LOG2;
            s.kappaWarmupSteps = recipe.kappaWarmupSteps();
            s.latentLrScale = recipe.latentLrScale();
            s.encoderFreezeStep = recipe.encoderFreezeStep();
            s.priorZShare = recipe.priorZShare();
            s.priorZFrom = recipe.priorZFrom();
            s.matchingLambda = recipe.matchingLambda();
            s.capacityGamma = recipe.capacityGamma();
            s.kappaCycleSteps = recipe.kappaCycleSteps();
            s.kappaHoldBits = recipe.kappaHold() / TrainingConfig.LOG2;
            s.kappaHoldSteps = recipe.kappaHoldSteps();
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
