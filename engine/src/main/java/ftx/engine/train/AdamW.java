package ftx.engine.train;

import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Parameters;
import ftx.engine.kernels.Ops;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter). ND4J M2.1 has no AdamW, so this is
 * the few lines of it: {@code p *= 1 - lr*wd} for matrices, then the bias-corrected Adam step.
 * The moments m and v are {@link Parameters} of the model's shapes, saved for resuming; the update
 * itself is {@link Ops#adamW}.
 */
public final class AdamW {
    private final Parameters m;
    private final Parameters v;
    private long t;

    private TrainingThreads threads = TrainingThreads.forNewRun();

    public AdamW(Parameters m, Parameters v, long t) {
        this.m = m;
        this.v = v;
        this.t = t;
    }

    public static AdamW fresh(FreeTransformerConfig c, Parameters like) {
        return new AdamW(Parameters.zeros(c, like.dataType()), Parameters.zeros(c, like.dataType()), 0);
    }

    public Parameters firstMoment() {
        return m;
    }

    public Parameters secondMoment() {
        return v;
    }

    /** The run's threads, which share each update (by default, the process's default for new runs). */
    void useThreads(TrainingThreads runThreads) {
        threads = runThreads;
    }

    public long stepsTaken() {
        return t;
    }

    /** Applies one update to params from grads with learning rate baseLr (scaled by the recipe for the latent path). */
    public void step(Parameters params, Parameters grads, double baseLr, TrainingConfig cfg) {
        step(params, grads, baseLr, cfg, 1.0);
    }

    /**
     * The same with the gradient multiplied by gradScale first (clipping, without a pass of its
     * own). Half the elements go to each of the run's training threads ({@link TrainingThreads}).
     */
    public void step(Parameters params, Parameters grads, double baseLr, TrainingConfig cfg, double gradScale) {
        step(params, grads, baseLr, cfg, gradScale, cfg.recipe()::lrScale);
    }

    /**
     * The same with each parameter's learning-rate multiplier given by name; a parameter whose
     * multiplier is 0 is left alone, its moments too.
     */
    public void step(Parameters params, Parameters grads, double baseLr, TrainingConfig cfg, double gradScale,
                     ToDoubleFunction<String> lrScale) {
        t++;
        double bc1 = 1 - Math.pow(cfg.beta1(), t);
        double bc2 = 1 - Math.pow(cfg.beta2(), t);
        java.util.List<java.util.List<TensorHalves.Piece>> halves = TensorHalves.of(params);
        threads.both(() -> update(halves.get(0), params, grads, baseLr, cfg, gradScale, bc1, bc2, lrScale),
                () -> update(halves.get(1), params, grads, baseLr, cfg, gradScale, bc1, bc2, lrScale));
    }

    private Void update(java.util.List<TensorHalves.Piece> pieces, Parameters params, Parameters grads, double baseLr,
                        TrainingConfig cfg, double gradScale, double bc1, double bc2, ToDoubleFunction<String> lrScale) {
        Ops ops = Ops.current();
        for (TensorHalves.Piece piece : pieces) {
            String name = piece.name();
            double scale = lrScale.applyAsDouble(name);
            if (scale == 0) {
                continue;
            }
            double lr = baseLr * scale;
            INDArray p = params.get(name);
            ops.adamW(p, grads.get(name), m.get(name), v.get(name), piece.from(), piece.length(),
                    new Ops.AdamWStep(cfg.beta1(), cfg.beta2(), decays(p, cfg) ? 1 - lr * cfg.weightDecay() : 1,
                            lr / bc1, bc2, cfg.adamEps(), gradScale));
        }
        return null;
    }

    private static boolean decays(INDArray p, TrainingConfig cfg) {
        return p.rank() >= 2 && cfg.weightDecay() > 0;
    }

    /** Global L2 norm of all gradients. */
    public static double globalNorm(Parameters grads) {
        return globalNorm(grads, name -> true);
    }

    /** Global L2 norm of the gradients of the parameters named by include. */
    public static double globalNorm(Parameters grads, Predicate<String> include) {
        double sq = 0;
        for (Map.Entry<String, INDArray> g : grads.asMap().entrySet()) {
            if (include.test(g.getKey())) {
                double n = g.getValue().norm2Number().doubleValue();
                sq += n * n;
            }
        }
        return Math.sqrt(sq);
    }
}
