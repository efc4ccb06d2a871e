package ftx.app.generate;

import ftx.app.testing.GoldenModel;
import ftx.engine.ModelHandle;
import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.SyntheticTask;
import ftx.engine.train.Trainer;
import ftx.engine.train.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Models for the Generate tests: the golden tiny case (H = 8, random weights, so Z changes the
 * symbols), a baseline (H = 0) after two training steps, and an untrained reviews-task model
 * (H = 4). A missing golden folder fails.
 */
final class TestModels {
    private TestModels() {
    }

    /** The golden tiny model (the shared test helper). */
    static ModelHandle golden(Path scratch) throws Exception {
        return GoldenModel.open(scratch);
    }

    /** A baseline decoder (no Z) trained for two steps, saved and opened like any checkpoint. */
    static ModelHandle baseline(Path scratch) throws Exception {
        FreeTransformerConfig config = new FreeTransformerConfig(29, 16, 2, 2, 32, 0, 10000, 1e-5);
        TrainingConfig training = new TrainingConfig(2, 4, 3e-3, 1, 0.1, 0.0, 0.9, 0.95, 1e-8, 1.0, 0.0, 3, 0);
        Trainer trainer = Trainer.start(config, new SyntheticTask(), training);
        trainer.trainStep();
        trainer.trainStep();
        Path dir = scratch.resolve("baseline");
        CheckpointStore.save(dir, trainer.checkpoint());
        return ModelHandle.open(dir);
    }

    /**
     * A reviews-task model (H = 4) with its initial random weights, saved and opened like any
     * checkpoint: its samples are rarely reviews, which is enough to check the page's structure.
     */
    static ModelHandle reviews(Path scratch) throws Exception {
        return ModelHandle.open(reviewsCheckpoint(scratch));
    }

    /** The folder of {@link #reviews}' checkpoint (written once per scratch folder). */
    static Path reviewsCheckpoint(Path scratch) throws Exception {
        Path dir = scratch.resolve("reviews");
        if (!Files.isDirectory(dir)) {
            ReviewsTask task = new ReviewsTask();
            FreeTransformerConfig config = new FreeTransformerConfig(task.vocabulary().size(), 16, 2, 2, 32, 4, 10000, 1e-5);
            TrainingConfig training = new TrainingConfig(1, 2, 3e-3, 1, 0.1, 0.0, 0.9, 0.95, 1e-8, 1.0, 0.0, 5, 0);
            CheckpointStore.save(dir, Trainer.start(config, task, training).checkpoint());
        }
        return dir;
    }
}
