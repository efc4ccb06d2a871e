package ftx.engine.checkpoint;

import ftx.engine.io.Tensor;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Parameters;
import java.util.Map;

/**
 * What a checkpoint folder holds (SPEC section 5): the model config, the vocabulary, the weights,
 * the task and training descriptions, and for resuming the optimizer tensors and trainer state.
 *
 * @param task     JSON-able description of the task ({@code name} and its parameters)
 * @param training JSON-able training config ({@code kappa}, learning rate, ...), empty if unknown
 * @param resume   optimizer and trainer state, or null for a weights-only checkpoint
 */
public record Checkpoint(FreeTransformerConfig config, String vocab, Parameters weights, Map<String, Object> task,
                         Map<String, Object> training, ResumeState resume) {

    public static final int FORMAT_VERSION = 1;

    public Checkpoint {
        if (vocab.length() != config.vocabSize()) {
            throw new IllegalArgumentException("vocabulary has " + vocab.length() + " symbols but vocab_size is "
                    + config.vocabSize());
        }
        task = task == null ? Map.of() : Map.copyOf(task);
        training = training == null ? Map.of() : Map.copyOf(training);
    }

    /** Optimizer tensors (by name) and the trainer's JSON state (step, RNG state, metrics history). */
    public record ResumeState(Map<String, Tensor> optimizer, Map<String, Object> trainerState) {
    }
}
