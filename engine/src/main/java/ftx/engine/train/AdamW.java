package ftx.engine.train;

import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Parameters;
import ftx.engine.util.FastPath;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter). ND4J M2.1 has no AdamW, so this is
 * the few lines of it: {@code p *= 1 - lr*wd} for matrices, then the bias-corrected Adam step.
 * The moments m and v are {@link Parameters} of the model's shapes, saved for resuming. When
 * {@link FastPath} applies to float tensors, {@link AdamWKernel} does the update in one host pass.
 */
public final class AdamW {
    private final Parameters m;
    private final Parameters v;
    private long t;

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

    public long stepsTaken() {
        return t;
    }

    /** Applies one update to params from grads with learning rate baseLr (scaled by the recipe for the latent path). */
    public void step(Parameters params, Parameters grads, double baseLr, TrainingConfig cfg) {
        step(params, grads, baseLr, cfg, 1.0);
    }

    /**
     * The same with the gradient multiplied by gradScale first (clipping, without a pass of its
     * own). On the host, half the elements go to each training thread ({@link TrainingThreads}).
     */
    public void step(Parameters params, Parameters grads, double baseLr, TrainingConfig cfg, double gradScale) {
        t++;
        double bc1 = 1 - Math.pow(cfg.beta1(), t);
        double bc2 = 1 - Math.pow(cfg.beta2(), t);
        if (hostApplies(params, grads)) {
            java.util.List<java.util.List<TensorHalves.Piece>> halves = TensorHalves.of(params);
            TrainingThreads.both(() -> host(halves.get(0), params, grads, baseLr, cfg, gradScale, bc1, bc2),
                    () -> host(halves.get(1), params, grads, baseLr, cfg, gradScale, bc1, bc2));
            return;
        }
        for (String name : params.names()) {
            double lr = baseLr * cfg.recipe().lrScale(name);
            INDArray p = params.get(name);
            INDArray g = gradScale == 1.0 ? grads.get(name) : grads.get(name).mul(gradScale);
            INDArray mi = m.get(name).muli(cfg.beta1()).addi(g.mul(1 - cfg.beta1()));
            INDArray vi = v.get(name).muli(cfg.beta2()).addi(g.mul(g).muli(1 - cfg.beta2()));
            if (decays(p, cfg)) {
                p.muli(1 - lr * cfg.weightDecay());
            }
            INDArray denom = Transforms.sqrt(vi.div(bc2), false).addi(cfg.adamEps());
            p.subi(mi.div(denom).muli(lr / bc1));
        }
    }

    private boolean hostApplies(Parameters params, Parameters grads) {
        for (String name : params.names()) {
            if (!FastPath.appliesInFloat(params.get(name), grads.get(name), m.get(name), v.get(name))) {
                return false;
            }
        }
        return true;
    }

    private Void host(java.util.List<TensorHalves.Piece> pieces, Parameters params, Parameters grads, double baseLr,
                      TrainingConfig cfg, double gradScale, double bc1, double bc2) {
        for (TensorHalves.Piece piece : pieces) {
            String name = piece.name();
            double lr = baseLr * cfg.recipe().lrScale(name);
            INDArray p = params.get(name);
            AdamWKernel.step(p, grads.get(name), m.get(name), v.get(name), piece.from(), piece.length(), cfg.beta1(),
                    cfg.beta2(), decays(p, cfg) ? 1 - lr * cfg.weightDecay() : 1, lr / bc1, bc2, cfg.adamEps(),
                    gradScale);
        }
        return null;
    }

    private static boolean decays(INDArray p, TrainingConfig cfg) {
        return p.rank() >= 2 && cfg.weightDecay() > 0;
    }

    /** Global L2 norm of all gradients. */
    public static double globalNorm(Parameters grads) {
        double sq = 0;
        for (INDArray g : grads.asMap().values()) {
            double n = g.norm2Number().doubleValue();
            sq += n * n;
        }
        return Math.sqrt(sq);
    }
}
