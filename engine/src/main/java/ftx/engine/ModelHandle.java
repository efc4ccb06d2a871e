package ftx.engine.cli;

import ftx.engine.checkpoint.Checkpoint;
import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.model.FreeTransformer;
import ftx.engine.task.Vocabulary;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;

/** A checkpoint opened for inference: the model and its vocabulary. */
record LoadedModel(Checkpoint checkpoint, FreeTransformer model, Vocabulary vocabulary) {
    static final int MAX_POSITIONS = 1024;

    static LoadedModel open(String dir) throws Exception {
        Checkpoint c = CheckpointStore.load(Path.of(dir), DataType.FLOAT);
        return new LoadedModel(c, new FreeTransformer(c.config(), c.weights(), MAX_POSITIONS), new Vocabulary(c.vocab()));
    }

    /** Parses "i,j,k" Z indices, checking each against 0..2^H-1. */
    int[] parseZ(String list) {
        String[] parts = list.trim().isEmpty() ? new String[0] : list.split(",");
        int[] z = new int[parts.length];
        int max = model.config().latentCodes() - 1;
        for (int i = 0; i < parts.length; i++) {
            try {
                z[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new Args.UsageException("--z entry " + i + " is not a whole number: \"" + parts[i] + "\"");
            }
            if (z[i] < 0 || z[i] > max) {
                throw new Args.UsageException("--z entry " + i + " = " + z[i] + " is outside 0.." + max + " (H = "
                        + model.config().latentBits() + ")");
            }
        }
        return z;
    }
}
