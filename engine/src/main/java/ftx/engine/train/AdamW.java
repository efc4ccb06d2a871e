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
 * {@link FastPath} applies, {@link AdamWKernel} does each tensor's update in one host pass.
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
        t++;
        double bc1 = 1 - Math.pow(cfg.beta1(), t);
        double bc2 = 1 - Math.pow(cfg.beta2(), t);
        for (String name : params.names()) {
            double lr = baseLr * cfg.recipe().lrScale(name);
            INDArray p = params.get(name);
            INDArray g = grads.get(name);
            boolean decays = p.rank() >= 2 && cfg.weightDecay() > 0;
            if (FastPath.applies(p, g, m.get(name), v.get(name))) {
                AdamWKernel.step(p, g, m.get(name), v.get(name), cfg.beta1(), cfg.beta2(),
                        decays ? 1 - lr * cfg.weightDecay() : 1, lr / bc1, bc2, cfg.adamEps());
                continue;
            }
            INDArray mi = m.get(name).muli(cfg.beta1()).addi(g.mul(1 - cfg.beta1()));
            INDArray vi = v.get(name).muli(cfg.beta2()).addi(g.mul(g).muli(1 - cfg.beta2()));
            if (decays) {
                p.muli(1 - lr * cfg.weightDecay());
            }
            INDArray denom = Transforms.sqrt(vi.div(bc2), false).addi(cfg.adamEps());
            p.subi(mi.div(denom).muli(lr / bc1));
        }
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
