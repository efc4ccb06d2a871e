package ftx.engine.model;

import ftx.engine.util.Rng;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Initial weights, drawn on the host from the run's seeded generator so that a seed fixes them
 * on every backend. GPT-2 style: linear maps and embeddings N(0, 0.02), the residual outputs
 * (wo, w2) scaled by 1/sqrt(2L), RMSNorm weights 1, readout bias 0, and the post-sampler
 * W_post zero [choice, SPEC section 2 step 4] so that Z starts with no effect.
 */
public final class Initializer {
    static final double STD = 0.02;

    private Initializer() {
    }

    public static Parameters init(FreeTransformerConfig c, Rng rng, DataType dtype) {
        Parameters p = Parameters.zeros(c, dtype);
        double residualStd = STD / Math.sqrt(2.0 * c.nLayers());
        for (Map.Entry<String, INDArray> e : p.asMap().entrySet()) {
            String name = e.getKey();
            INDArray a = e.getValue();
            if (name.endsWith("norm.weight")) {
                a.assign(1.0);
            } else if (name.equals("post.weight") || name.endsWith(".bias")) {
                a.assign(0.0);
            } else {
                boolean residual = name.endsWith("attn.wo.weight") || name.endsWith("mlp.w2.weight");
                a.assign(gaussian(rng, a.shape(), residual ? residualStd : STD, dtype));
            }
        }
        return p;
    }

    private static INDArray gaussian(Rng rng, long[] shape, double std, DataType dtype) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian() * std;
        }
        return Nd4j.createFromArray(v).reshape('c', shape).castTo(dtype);
    }
}
