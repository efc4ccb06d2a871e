package ftx.engine;

import ftx.engine.checkpoint.Checkpoint;
import ftx.engine.io.CheckpointFormatException;
import java.io.IOException;
import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.model.FreeTransformer;
import ftx.engine.task.Vocabulary;
import ftx.engine.train.LatentRecipe;
import java.nio.file.Path;

/**
 * A checkpoint opened for inference: the model and its vocabulary. What the CLI and the app hold
 * to encode, score and generate (plain Java types only cross this boundary).
 */
public record ModelHandle(Checkpoint checkpoint, FreeTransformer model, Vocabulary vocabulary) {
    public static final int MAX_POSITIONS = 1024;

    public static ModelHandle open(Path dir) throws CheckpointFormatException, IOException {
        Checkpoint c = CheckpointStore.load(dir);
        return new ModelHandle(c, new FreeTransformer(c.config(), c.weights(), MAX_POSITIONS), new Vocabulary(c.vocab()));
    }

    /**
     * How this model was trained, in words ({@link LatentRecipe#describe}): a checkpoint without a
     * recipe was trained the paper's way; a model without Z has none.
     */
    public String recipe() {
        if (latentBits() == 0) {
            return "no Z (the plain decoder)";
        }
        try {
            return latentRecipe().describe();
        } catch (IllegalArgumentException e) {
            return "an unreadable recipe (" + e.getMessage() + ")";
        }
    }

    /** True for a model trained the paper's way, or without Z (nothing to say about a recipe then). */
    public boolean followsPaper() {
        try {
            return latentBits() == 0 || latentRecipe().followsPaper();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private LatentRecipe latentRecipe() {
        Object r = checkpoint.training() == null ? null : checkpoint.training().get("recipe");
        return r == null ? LatentRecipe.PAPER : new com.fasterxml.jackson.databind.ObjectMapper().convertValue(r, LatentRecipe.class);
    }

    public int latentBits() {
        return model.config().latentBits();
    }

    /** True when the vocabulary is the synthetic task's (prompts like "C>"). */
    public boolean isSyntheticTask() {
        return vocabulary.symbols().equals(ftx.engine.task.SyntheticTask.SYMBOLS);
    }

    /** True when the vocabulary is the reviews task's (prompt ">", see {@code ReviewsTask}). */
    public boolean isReviewsTask() {
        return vocabulary.symbols().equals(ftx.engine.task.ReviewsTask.SYMBOLS);
    }

    /** The task whose samples the pages draw for this model: the reviews task for a reviews model, else the synthetic one. */
    public ftx.engine.task.Task sampleTask() {
        return isReviewsTask() ? new ftx.engine.task.ReviewsTask() : new ftx.engine.task.SyntheticTask();
    }

    /** True when this model can read text: not blank, every symbol in its vocabulary, within its length. */
    public boolean canRead(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        try {
            return vocabulary.encode(text).length <= model.maxPositions();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Parses "i,j,k" Z indices, checking each against 0..2^H-1.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public int[] parseZ(String list) {
        String[] parts = list.trim().isEmpty() ? new String[0] : list.split(",");
        int[] z = new int[parts.length];
        int max = model.config().latentCodes() - 1;
        for (int i = 0; i < parts.length; i++) {
            try {
                z[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Z entry " + i + " is not a whole number: \"" + parts[i] + "\"");
            }
            if (z[i] < 0 || z[i] > max) {
                throw new IllegalArgumentException("Z entry " + i + " = " + z[i] + " is outside 0.." + max + " (H = "
                        + model.config().latentBits() + ")");
            }
        }
        return z;
    }
}
