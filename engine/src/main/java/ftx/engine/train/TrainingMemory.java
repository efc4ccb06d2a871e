package ftx.engine.train;

import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.util.MemoryBudget;

/**
 * Whether a run of a model on batches of a size fits in this process, judged before anything is
 * allocated, so an absurd width, depth or batch gets a message instead of an OutOfMemoryError or
 * a native bad_alloc. The estimate is a floor (weights, gradients, two moments, and the
 * activations every layer keeps for the backward pass), never more than a run needs.
 */
public final class TrainingMemory {
    private TrainingMemory() {
    }

    /** Throws IllegalArgumentException saying what does not fit. */
    public static void require(FreeTransformerConfig c, int batch, int sequenceLength) {
        double params = c.parameterCount();
        double tokens = (double) batch * sequenceLength;
        double perToken = (c.nLayers() + 2.0) * (10.0 * c.dModel() + 3.0 * c.ffnHidden() + (double) c.nHeads() * sequenceLength);
        String what = "training this model (" + c.parameterCount() + " parameters) on batches of " + batch
                + " sequences of " + sequenceLength + " symbols";
        String problem = MemoryBudget.nativeProblem(bytes(4.0 * (4 * params + tokens * perToken)), what);
        if (problem == null) {
            problem = MemoryBudget.heapProblem(bytes(tokens * (12.0 + 8.0 * c.latentBits())), "the batches of " + batch
                    + " sequences");
        }
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    private static long bytes(double b) {
        return b >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) b;
    }
}
