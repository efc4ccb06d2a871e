package ftx.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.KlBudget;
import ftx.engine.task.SyntheticTask;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The latent path's training levers do what their names say, and the default is the paper's. */
class LatentRecipeTest {
    private static final FreeTransformerConfig TINY = new FreeTransformerConfig(29, 32, 2, 2, 64, 4, 10000, 1e-5);
    private static final double EIGHTH = 0.125 * TrainingConfig.LOG2;

    @TempDir
    Path tmp;

    private static TrainingConfig cfg(LatentRecipe r) {
        return new TrainingConfig(3, 4, 3e-3, 0, 0.1, 0.0, 0.9, 0.95, 1e-8, 1.0, EIGHTH, 5, 0, r);
    }

    @Test
    void kappaWarmUpFallsGeometricallyFromItsStartToKappaThenStays() {
        LatentRecipe r = new LatentRecipe(KlBudget.PER_TOKEN, 8 * TrainingConfig.LOG2, 100, 1);
        assertEquals(8 * TrainingConfig.LOG2, r.kappaAt(0, EIGHTH), 1e-12);
        assertEquals(1 * TrainingConfig.LOG2, r.kappaAt(50, EIGHTH), 1e-12, "halfway in log space: 1 bit");
        assertEquals(EIGHTH, r.kappaAt(100, EIGHTH), 1e-12);
        assertEquals(EIGHTH, r.kappaAt(5000, EIGHTH), 1e-12);
        assertEquals(EIGHTH, LatentRecipe.PAPER.kappaAt(0, EIGHTH), 0.0, "the paper's kappa is constant");
    }

    @Test
    void impossibleRecipesAreRefusedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LatentRecipe(KlBudget.PER_TOKEN, 1, 0, 1))
                .getMessage().contains("warm-up"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LatentRecipe(KlBudget.PER_TOKEN, 0, 0, 0))
                .getMessage().contains("latent learning-rate scale"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> cfg(new LatentRecipe(KlBudget.PER_TOKEN, 0.01, 10, 1))).getMessage().contains("at least kappa"));
    }

    @Test
    void latentLrScaleMovesOnlyTheLatentPath() {
        assertTrue(LatentRecipe.isLatentPath("enc.attn.wq.weight") && LatentRecipe.isLatentPath("enc_readout.bias")
                && LatentRecipe.isLatentPath("post.weight") && LatentRecipe.isLatentPath("zeta"));
        assertFalse(LatentRecipe.isLatentPath("embed.weight") || LatentRecipe.isLatentPath("blocks.0.attn.wq.weight")
                || LatentRecipe.isLatentPath("head.weight") || LatentRecipe.isLatentPath("norm.weight"));
        Trainer plain = Trainer.start(TINY, new SyntheticTask(), cfg(LatentRecipe.PAPER));
        Trainer fast = Trainer.start(TINY, new SyntheticTask(), cfg(new LatentRecipe(KlBudget.PER_TOKEN, 0, 0, 10)));
        plain.trainStep();
        fast.trainStep();
        for (String name : plain.model().parameters().names()) {
            INDArray a = plain.model().parameters().get(name);
            INDArray b = fast.model().parameters().get(name);
            if (name.equals("post.weight")) { // the only latent tensor with a gradient at step 1 (W_post starts at 0)
                assertTrue(a.sub(b).amaxNumber().doubleValue() > 0, name + " moves differently");
            } else if (!LatentRecipe.isLatentPath(name)) {
                assertArrayEquals(a.data().asFloat(), b.data().asFloat(), 0f, name + " is untouched by the scale");
            }
        }
    }

    @Test
    void aFrozenEncoderKeepsEveryWeightQReadsWhileTheDecoderLearnsOn() {
        assertTrue(LatentRecipe.shapesEncoder("embed.weight", 4) && LatentRecipe.shapesEncoder("blocks.1.mlp.w1.weight", 4)
                && LatentRecipe.shapesEncoder("enc.attn.wq.weight", 4) && LatentRecipe.shapesEncoder("enc_readout.bias", 4)
                && LatentRecipe.shapesEncoder("zeta", 4));
        assertFalse(LatentRecipe.shapesEncoder("blocks.2.attn.wq.weight", 4) || LatentRecipe.shapesEncoder("post.weight", 4)
                || LatentRecipe.shapesEncoder("head.weight", 4) || LatentRecipe.shapesEncoder("norm.weight", 4));
        assertTrue(LatentRecipe.shapesEncoder("blocks.11.attn_norm.weight", 24) && !LatentRecipe.shapesEncoder("blocks.12.attn_norm.weight", 24));

        Trainer t = Trainer.start(TINY, new SyntheticTask(), cfg(new LatentRecipe(KlBudget.PER_TOKEN, 0, 0, 1, 1, 0, 0)));
        t.trainStep(); // step 0: everything learns
        Map<String, float[]> before = new java.util.HashMap<>();
        for (String name : t.model().parameters().names()) {
            before.put(name, t.model().parameters().get(name).dup().data().asFloat());
        }
        t.trainStep();
        t.trainStep();
        for (String name : t.model().parameters().names()) {
            float[] now = t.model().parameters().get(name).data().asFloat();
            if (LatentRecipe.shapesEncoder(name, TINY.nLayers())) {
                assertArrayEquals(before.get(name), now, 0f, name + " is frozen");
            } else if (!name.endsWith("norm.weight")) {
                assertFalse(java.util.Arrays.equals(before.get(name), now), name + " still learns");
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LatentRecipe(KlBudget.GLOBAL, 1, 100, 1, 50, 0, 0))
                .getMessage().contains("before the kappa warm-up ends"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new LatentRecipe(KlBudget.GLOBAL, 0, 0, 1, -1, 0, 0))
                .getMessage().contains("freeze step"));
    }

    @Test
    void theRecipeIsSavedAndResumedAndOldCheckpointsReadAsThePaper() throws Exception {
        LatentRecipe r = new LatentRecipe(KlBudget.PER_SEQUENCE, 1.0, 50, 3, 70, 0.25, 80, 0.5, 2, 25);
        Trainer t = Trainer.start(TINY, new SyntheticTask(), cfg(r));
        t.trainStep();
        CheckpointStore.save(tmp.resolve("run"), t.checkpoint());
        Trainer resumed = Trainer.resume(CheckpointStore.load(tmp.resolve("run"), DataType.FLOAT), new SyntheticTask(), 0);
        assertEquals(r, resumed.config().recipe());
        Map<String, Object> old = CheckpointStore.load(Path.of("../sample-models/synthetic-kappa-1-64-bit"), DataType.FLOAT)
                .training();
        assertFalse(old.containsKey("recipe"), "written before the recipe existed");
        assertTrue(new ObjectMapper().convertValue(old, TrainingConfig.class).recipe().followsPaper(),
                "a checkpoint without a recipe was trained the paper's way");
    }

    @Test
    void aRecipeDescribesItselfLeverByLever() {
        assertTrue(LatentRecipe.PAPER.describe().startsWith("the paper's recipe"));
        assertEquals("free bits: one for the whole batch; kappa from 1 bit over 1,500 steps; encoder frozen from step 2,000; "
                        + "Z from the prior for 15% of each batch from step 2,000 (not the paper's loss)",
                new LatentRecipe(KlBudget.GLOBAL, TrainingConfig.LOG2, 1500, 1, 2000, 0.15, 2000).describe());
        assertEquals("free bits: per token (SPEC); latent learning rate x3",
                new LatentRecipe(KlBudget.PER_TOKEN, 0, 0, 3).describe());
    }

    @Test
    void thePriorZShareDrawsOnlyFromItsFirstStepAndChangesTheRunFromThere() {
        LatentRecipe r = new LatentRecipe(KlBudget.PER_TOKEN, 0, 0, 1, 0, 0.25, 10);
        ftx.engine.util.Rng rng = new ftx.engine.util.Rng(3);
        long before = rng.state();
        assertNull(r.drawPriorZ(9, 100, rng));
        assertNull(LatentRecipe.PAPER.drawPriorZ(0, 100, rng));
        assertEquals(before, rng.state(), "nothing is drawn while the share is 0: the paper's run is unchanged");
        boolean[] marks = r.drawPriorZ(10, 4000, rng);
        int marked = 0;
        for (boolean m : marks) {
            marked += m ? 1 : 0;
        }
        assertEquals(1000, marked, 100, "a quarter of the sequences");

        Trainer paper = Trainer.start(TINY, new SyntheticTask(), cfg(LatentRecipe.PAPER));
        Trainer prior = Trainer.start(TINY, new SyntheticTask(), cfg(new LatentRecipe(KlBudget.PER_TOKEN, 0, 0, 1, 0, 0.5, 1)));
        paper.trainStep();
        prior.trainStep();
        assertArrayEquals(paper.model().parameters().get("head.weight").data().asFloat(),
                prior.model().parameters().get("head.weight").data().asFloat(), 0f, "step 0: the same run");
        paper.trainStep();
        prior.trainStep();
        assertFalse(java.util.Arrays.equals(paper.model().parameters().get("head.weight").data().asFloat(),
                prior.model().parameters().get("head.weight").data().asFloat()), "step 1: half the batch read prior Z");
    }

    @Test
    void aKappaHoldPausesTheWarmUpAtItsBudgetThenStepsDownToKappa() {
        double start = 8 * TrainingConfig.LOG2;
        double hold = TrainingConfig.LOG2; // 1 bit: halfway down from 8 bits to 1/8 in log space
        LatentRecipe r = new LatentRecipe(KlBudget.GLOBAL, start, 600, 1, 1600, 0, 0, 0, 0, 0, hold, 1000);
        LatentRecipe plain = new LatentRecipe(KlBudget.GLOBAL, start, 600, 1, 1600, 0, 0);
        assertEquals(start, r.kappaAt(0, EIGHTH), 1e-12);
        assertEquals(plain.kappaAt(150, EIGHTH), r.kappaAt(150, EIGHTH), 1e-12, "before the hold: the plain warm-up");
        assertEquals(hold, r.kappaAt(300, EIGHTH), 1e-12, "the warm-up reaches 1 bit at step 300");
        assertEquals(hold, r.kappaAt(1299, EIGHTH), 1e-12, "held for 1,000 steps");
        assertEquals(plain.kappaAt(350, EIGHTH), r.kappaAt(1350, EIGHTH), 1e-12, "then the rest of the warm-up");
        assertTrue(r.kappaAt(1301, EIGHTH) < hold);
        assertEquals(EIGHTH, r.kappaAt(1600, EIGHTH), 1e-12, "the warm-up ends 1,000 steps later");
        assertTrue(r.kappaAt(1599, EIGHTH) > EIGHTH);
        assertTrue(r.describe().contains("kappa from 8 bit over 600 steps; holding 1 bit for 1,000 steps"), r.describe());

        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LatentRecipe(KlBudget.GLOBAL, start, 600, 1, 1000, 0, 0, 0, 0, 0, hold, 1000)).getMessage()
                .contains("before the kappa warm-up ends at step 1600"), "the freeze comes after the hold's delay");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LatentRecipe(KlBudget.GLOBAL, start, 600, 1, 0, 0, 0, 0, 0, 0, hold, 0)).getMessage()
                .contains("both a budget and a number of steps"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LatentRecipe(KlBudget.GLOBAL, hold, 600, 1, 0, 0, 0, 0, 0, 0, start, 10)).getMessage()
                .contains("kappa start above the hold"));
    }

    @Test
    void kappaCyclesFallFromTheStartOverEachFirstHalfAndHoldKappaOverTheSecond() {
        double start = 8 * TrainingConfig.LOG2;
        LatentRecipe r = new LatentRecipe(KlBudget.GLOBAL, start, 400, 1, 400, 0, 0, 0, 0, 200);
        assertEquals(start, r.kappaAt(0, EIGHTH), 1e-12);
        assertEquals(TrainingConfig.LOG2, r.kappaAt(50, EIGHTH), 1e-12, "halfway down the first half, in log space");
        assertEquals(EIGHTH, r.kappaAt(100, EIGHTH), 1e-12);
        assertEquals(EIGHTH, r.kappaAt(199, EIGHTH), 1e-12, "held over the second half");
        assertEquals(start, r.kappaAt(200, EIGHTH), 1e-12, "the second cycle starts again from the start");
        assertEquals(TrainingConfig.LOG2, r.kappaAt(250, EIGHTH), 1e-12);
        assertEquals(EIGHTH, r.kappaAt(399, EIGHTH), 1e-12);
        assertEquals(EIGHTH, r.kappaAt(400, EIGHTH), 1e-12, "after the last cycle: kappa");
        assertEquals(EIGHTH, r.kappaAt(100_000, EIGHTH), 1e-12);
        assertTrue(r.describe().contains("kappa from 8 bit in 2 cycles of 200 steps"), r.describe());

        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LatentRecipe(KlBudget.GLOBAL, start, 500, 1, 0, 0, 0, 0, 0, 200)).getMessage()
                .contains("whole number of cycles"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LatentRecipe(KlBudget.GLOBAL, start, 400, 1, 300, 0, 0, 0, 0, 200)).getMessage()
                .contains("the end of the last kappa cycle"), "the freeze must come after the last cycle");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LatentRecipe(KlBudget.GLOBAL, 0, 0, 1, 0, 0, 0, 0, 0, 200)).getMessage()
                .contains("needs at least 2 steps and a kappa start"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LatentRecipe(KlBudget.GLOBAL, 0, 0, 1, 0, 0, 0, -1, 0, 0)).getMessage()
                .contains("matching weight"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LatentRecipe(KlBudget.GLOBAL, 0, 0, 1, 0, 0, 0, 0, Double.NaN, 0)).getMessage()
                .contains("gamma"));
    }

    @Test
    void theNewLeversNameThemselvesAndChangeTheRun() {
        LatentRecipe both = new LatentRecipe(KlBudget.GLOBAL, 0, 0, 1, 0, 0, 0, 1, 1, 0);
        assertEquals("free bits: one for the whole batch; two-sided capacity target |KL - kappa|; "
                + "aggregate-posterior matching x1", both.describe());
        Trainer paper = Trainer.start(TINY, new SyntheticTask(), cfg(new LatentRecipe(KlBudget.GLOBAL, 0, 0, 1)));
        Trainer levers = Trainer.start(TINY, new SyntheticTask(), cfg(both));
        paper.trainStep();
        levers.trainStep();
        assertFalse(java.util.Arrays.equals(paper.model().parameters().get("enc_readout.weight").data().asFloat(),
                levers.model().parameters().get("enc_readout.weight").data().asFloat()), "the encoder learns otherwise");
    }

    @Test
    void skippingTheFrozenGradientsGivesTheSameWeightsBitForBit() {
        TrainingConfig c = new TrainingConfig(6, 4, 3e-3, 0, 0.1, 0.1, 0.9, 0.95, 1e-8, 0.5, EIGHTH, 5, 0,
                new LatentRecipe(KlBudget.PER_POSITION, 0, 0, 1, 2, 0, 0, 0.3, 0, 0));
        Trainer skipping = Trainer.start(TINY, new SyntheticTask(), c);
        Trainer computing = Trainer.start(TINY, new SyntheticTask(), c);
        computing.skipFrozenGradients(false);
        for (int i = 0; i < 6; i++) {
            skipping.trainStep();
            computing.trainStep();
        }
        for (String name : skipping.model().parameters().names()) {
            assertArrayEquals(computing.model().parameters().get(name).data().asFloat(),
                    skipping.model().parameters().get(name).data().asFloat(), 0f, name);
        }
    }
}
