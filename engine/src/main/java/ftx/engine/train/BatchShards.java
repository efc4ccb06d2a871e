package ftx.engine.train;

import ftx.engine.model.FreeTransformer;
import ftx.engine.model.KlExchange;
import ftx.engine.model.LatentObjective;
import ftx.engine.model.Parameters;
import ftx.engine.util.StepCancel;
import ftx.engine.kernels.OpsChoice;
import ftx.engine.util.HelperThread;
import ftx.engine.util.Workspaces;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.memory.MemoryWorkspace;

/**
 * Data parallelism for one training step on the CPU: the batch is cut by sequences into two
 * shards, each shard runs the forward and backward into its own gradients, and the shards'
 * losses and gradients are combined, weighted by their share of the sequences, into those of the
 * whole batch (every term of the loss is a mean over tokens or sequences, so the weighted sum is
 * exact up to rounding).
 *
 * <p>The shards are fixed by the batch, not by the machine: a run gives the same numbers on one
 * thread or two ({@link TrainingThreads}). One ND4J or BLAS call on these small matrices cannot
 * use two cores well, so the second core takes the second shard instead. The CUDA backend keeps
 * the batch whole.
 */
final class BatchShards {
    private final FreeTransformer model;
    private final TrainingThreads threads;
    private Parameters shardGrads; // the second shard's gradients, created on first use

    BatchShards(FreeTransformer model, TrainingThreads threads) {
        this.model = model;
        this.threads = threads;
    }

    /** How many shards a batch of this many sequences is cut into. */
    static int shardsFor(int sequences) {
        return OpsChoice.cpuBackend() && sequences >= 2 ? 2 : 1;
    }

    /**
     * The forward and backward of the whole batch, its gradients written into grads (cleared first),
     * with the latent terms the objective names; the sequences marked in fromPrior (null = none) are
     * decoded with Z from the prior.
     */
    Result forwardBackward(int[][] inputs, int[][] targets, double[] uniforms, boolean[] fromPrior,
                           LatentObjective objective, Parameters grads, StepCancel cancel) {
        int b = inputs.length;
        if (shardsFor(b) == 1) {
            grads.zero();
            return new Result(model.forwardBackward(inputs, targets, uniforms, fromPrior, objective, grads, cancel,
                    KlExchange.WHOLE_BATCH), AdamW.globalNorm(grads));
        }
        int split = (b + 1) / 2;
        int perSequence = uniforms.length / b;
        if (shardGrads == null) {
            try (MemoryWorkspace outside = Workspaces.outside()) { // they outlive the step's scope
                shardGrads = Parameters.zeros(model.config(), grads.dataType());
            }
        }
        Parameters second = shardGrads;
        int t = inputs[0].length;
        // the position and global hinges and the matching term need the batch's means: the shards
        // exchange their sums mid-pass
        ShardExchange exchange = objective.needsBatch() && model.config().hasLatent()
                ? new ShardExchange(!threads.parallel()) : null;
        Callable<FreeTransformer.Loss> firstHalf = () -> {
            grads.zero(); // each thread clears its own gradients (33 MB of W_post at H = 16)
            try {
                return model.forwardBackward(Arrays.copyOf(inputs, split), Arrays.copyOf(targets, split),
                        Arrays.copyOf(uniforms, split * perSequence), fromPrior == null ? null : Arrays.copyOf(fromPrior, split),
                        objective, grads, cancel,
                        exchange == null ? KlExchange.WHOLE_BATCH : exchange.first());
            } finally {
                if (exchange != null) {
                    exchange.firstFinished();
                }
            }
        };
        Callable<FreeTransformer.Loss> secondHalf = () -> {
            if (exchange != null) {
                exchange.awaitTurn();
            }
            second.zero();
            try (MemoryWorkspace ws = Workspaces.open("ftx-train-shard", java.util.List.of(model.config(), b - split, t))) {
                return model.forwardBackward(Arrays.copyOfRange(inputs, split, b), Arrays.copyOfRange(targets, split, b),
                        Arrays.copyOfRange(uniforms, split * perSequence, b * perSequence),
                        fromPrior == null ? null : Arrays.copyOfRange(fromPrior, split, b), objective, second, cancel,
                        exchange == null ? KlExchange.WHOLE_BATCH : exchange.second());
            } finally {
                if (exchange != null) {
                    exchange.secondFinished();
                }
            }
        };
        HelperThread.Pair<FreeTransformer.Loss, FreeTransformer.Loss> losses = exchange == null
                ? threads.both(firstHalf, secondHalf)
                : threads.onTwoThreads(failing(firstHalf, exchange), failing(secondHalf, exchange));
        double w0 = (double) split / b;
        double w1 = 1 - w0;
        double sumSquares = GradientSum.combine(threads, grads, second, w0, w1);
        return new Result(combine(losses.first(), losses.second(), w0, w1), Math.sqrt(sumSquares));
    }

    /** The shard's work, telling the exchange when it fails so that the other shard stops waiting. */
    private static <T> Callable<T> failing(Callable<T> work, ShardExchange exchange) {
        return () -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                exchange.fail(e);
                throw e;
            } catch (Error e) {
                exchange.fail(new IllegalStateException(e.toString(), e));
                throw e;
            }
        };
    }

    /** The whole batch's loss and the global L2 norm of its gradient. */
    record Result(FreeTransformer.Loss loss, double gradNorm) {
    }

    private static FreeTransformer.Loss combine(FreeTransformer.Loss a, FreeTransformer.Loss b, double wa, double wb) {
        return new FreeTransformer.Loss(wa * a.loss() + wb * b.loss(), wa * a.ce() + wb * b.ce(),
                wa * a.klTerm() + wb * b.klTerm(), wa * a.klMean() + wb * b.klMean(),
                concat(a.klPerToken(), b.klPerToken()), concat(a.z(), b.z()), wa * a.matching() + wb * b.matching());
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        if (a == null || b == null) {
            return null;
        }
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
