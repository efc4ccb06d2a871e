package ftx.engine.train;

import ftx.engine.model.FreeTransformer;
import ftx.engine.model.KlBudget;
import ftx.engine.model.Parameters;
import ftx.engine.util.FastPath;
import ftx.engine.util.Workspaces;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nd4j.linalg.api.memory.MemoryWorkspace;

/**
 * Data parallelism for one training step on the CPU: the batch is cut by sequences into a fixed
 * number of shards, each shard runs the forward and backward into its own gradients, and the
 * shards' losses and gradients are combined, weighted by their share of the sequences, into
 * those of the whole batch (every term of the loss is a mean over tokens or sequences, so the
 * weighted sum is exact up to rounding).
 *
 * <p>The shards are fixed by the batch, not by the machine: a run gives the same numbers on one
 * thread or two, and in the same order. One ND4J or BLAS call on these small matrices cannot use
 * two cores well (one OpenMP thread measured faster than two), so the second core takes the
 * second shard instead. The CUDA backend keeps one shard. {@code -Dftx.trainThreads=1} (or
 * {@link #setThreads}) runs the shards one after the other on the caller's thread.
 */
final class BatchShards {
    /** Shards per batch on the CPU backend (batches of at least this many sequences). */
    static final int SHARDS = 2;
    private static volatile int threads = Integer.getInteger("ftx.trainThreads",
            Math.min(SHARDS, Runtime.getRuntime().availableProcessors()));
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ftx-train-shard");
        t.setDaemon(true);
        return t;
    });

    private final FreeTransformer model;
    private Parameters shardGrads; // the second shard's gradients, created on first use

    BatchShards(FreeTransformer model) {
        this.model = model;
    }

    /** How many shards a batch of this many sequences is cut into. */
    static int shardsFor(int sequences) {
        return FastPath.enabled() && sequences >= SHARDS ? SHARDS : 1;
    }

    /** Threads that run the shards of one step (1 or 2). */
    static int threads() {
        return threads;
    }

    /** 1 runs every shard on the caller's thread; 2 lets a second thread take the second shard. */
    static void setThreads(int n) {
        if (n < 1 || n > SHARDS) {
            throw new IllegalArgumentException("training threads must be 1 to " + SHARDS + ", got " + n);
        }
        threads = n;
    }

    /**
     * The forward and backward of the whole batch, gradients added into grads (zeroed by the
     * caller), the loss of the whole batch returned.
     */
    FreeTransformer.Loss forwardBackward(int[][] inputs, int[][] targets, double[] uniforms, double kappa,
                                         KlBudget budget, Parameters grads) {
        int b = inputs.length;
        if (shardsFor(b) == 1) {
            return model.forwardBackward(inputs, targets, uniforms, kappa, budget, grads);
        }
        int split = (b + 1) / 2;
        int perSequence = uniforms.length / b;
        if (shardGrads == null) {
            try (MemoryWorkspace outside = Workspaces.outside()) { // they outlive the step's scope
                shardGrads = Parameters.zeros(model.config(), grads.dataType());
            }
        } else {
            shardGrads.zero();
        }
        Parameters second = shardGrads;
        int t = inputs[0].length;
        java.util.concurrent.Callable<FreeTransformer.Loss> secondShard = () -> {
            try (MemoryWorkspace ws = Workspaces.open("ftx-train-shard", java.util.List.of(model.config(), b - split, t))) {
                return model.forwardBackward(Arrays.copyOfRange(inputs, split, b), Arrays.copyOfRange(targets, split, b),
                        Arrays.copyOfRange(uniforms, split * perSequence, b * perSequence), kappa, budget, second);
            }
        };
        Future<FreeTransformer.Loss> pending = threads > 1 ? WORKER.submit(secondShard) : null;
        FreeTransformer.Loss first;
        try {
            first = model.forwardBackward(Arrays.copyOf(inputs, split), Arrays.copyOf(targets, split),
                    Arrays.copyOf(uniforms, split * perSequence), kappa, budget, grads);
        } catch (RuntimeException | Error e) {
            if (pending != null) { // the second shard writes into shardGrads: let it finish first
                try {
                    await(pending);
                } catch (RuntimeException | Error ignored) {
                    e.addSuppressed(ignored);
                }
            }
            throw e;
        }
        FreeTransformer.Loss last = pending != null ? await(pending) : call(secondShard);
        double w0 = (double) split / b;
        double w1 = 1 - w0;
        grads.asMap().forEach((name, g) -> g.muli(w0).addi(second.get(name).muli(w1)));
        return combine(first, last, w0, w1);
    }

    private static FreeTransformer.Loss combine(FreeTransformer.Loss a, FreeTransformer.Loss b, double wa, double wb) {
        return new FreeTransformer.Loss(wa * a.loss() + wb * b.loss(), wa * a.ce() + wb * b.ce(),
                wa * a.klTerm() + wb * b.klTerm(), wa * a.klMean() + wb * b.klMean(),
                concat(a.klPerToken(), b.klPerToken()), concat(a.z(), b.z()));
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

    private static FreeTransformer.Loss await(Future<FreeTransformer.Loss> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the second shard ran", e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static FreeTransformer.Loss call(java.util.concurrent.Callable<FreeTransformer.Loss> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }
}
