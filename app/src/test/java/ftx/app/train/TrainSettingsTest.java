package ftx.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.model.KlBudget;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings a user edits become the engine's run: task, recipe, and refusals that name the field. */
class TrainSettingsTest {
    @TempDir
    Path tmp;

    @Test
    void reviewsTaskAndALatentRecipeReachTheEngine() {
        TrainSettings s = new TrainSettings();
        s.task = TrainSettings.TaskKind.REVIEWS;
        s.dModel = 16;
        s.heads = 2;
        s.ffnHidden = 32;
        s.klBudget = KlBudget.PER_SEQUENCE;
        s.latentLrScale = 3;
        s.kappaStartBits = 1;
        s.kappaWarmupSteps = 50;
        s.encoderFreezeStep = 60;
        s.priorZShare = 0.2;
        s.priorZFrom = 60;
        TrainingSession session = TrainingSession.create(s.copy(), tmp.resolve("run"));
        assertEquals("reviews", session.trainer().task().name());
        var recipe = session.trainer().config().recipe();
        assertEquals(KlBudget.PER_SEQUENCE, recipe.klBudget());
        assertEquals(3, recipe.latentLrScale(), 0.0);
        assertEquals(Math.log(2), recipe.kappaStart(), 1e-12);
        assertEquals(60, recipe.encoderFreezeStep());
        assertEquals(0.2, recipe.priorZShare(), 0.0);
        assertEquals(60, recipe.priorZFrom());
        assertEquals(0.131, session.trainer().task().entropyFloor(), 5e-4);
    }

    @Test
    void anImpossibleRecipeIsRefusedWithItsName() {
        TrainSettings s = new TrainSettings();
        s.kappaStartBits = 1;
        s.kappaWarmupSteps = 0;
        assertTrue(s.validate().contains("kappa warm-up"), s.validate());
        s.kappaWarmupSteps = 10;
        s.latentLrScale = 0;
        assertTrue(s.validate().contains("latent learning-rate scale"), s.validate());
        s.latentLrScale = 1;
        s.encoderFreezeStep = 5;
        assertTrue(s.validate().contains("before the kappa warm-up ends"), s.validate());
    }
}
