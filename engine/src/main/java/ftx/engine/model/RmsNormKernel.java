package ftx.engine.model;

import ftx.engine.util.FastPath;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Host kernels for {@link RmsNorm} (SPEC section 2): one pass per row instead of the five to
 * seven ND4J ops of the plain version, whose per-op cost dominated at D = 128. Same results as
 * the plain version up to rounding (computed in double).
 */
final class RmsNormKernel {
    private RmsNormKernel() {
    }

    /** x [N, D], w [D] -> y [N, D] with cache (xhat [N, D], invRms [N, 1]). */
    static RmsNorm.Output forward(INDArray x, INDArray w, double eps) {
        int n = (int) x.size(0);
        int d = (int) x.size(1);
        double[] xs = FastPath.read(x, 0);
        double[] ws = FastPath.read(w, 1);
        double[] y = FastPath.scratch(2, n * d);
        double[] inv = FastPath.scratch(3, n);
        for (int r = 0; r < n; r++) {
            int o = r * d;
            double ss = 0;
            for (int k = 0; k < d; k++) {
                ss += xs[o + k] * xs[o + k];
            }
            double s = 1.0 / Math.sqrt(ss / d + eps);
            inv[r] = s;
            for (int k = 0; k < d; k++) {
                double xh = xs[o + k] * s;
                xs[o + k] = xh; // xs now holds xhat
                y[o + k] = xh * ws[k];
            }
        }
        INDArray xhat = FastPath.create(xs, x.dataType(), n, d);
        INDArray invRms = FastPath.create(inv, x.dataType(), n, 1);
        return new RmsNorm.Output(FastPath.create(y, x.dataType(), n, d), new RmsNorm.Cache(xhat, invRms));
    }

    /** dw += sum_rows(dy * xhat); dx = (dy*w - xhat * mean(dy*w*xhat)) * invRms. */
    static INDArray backward(INDArray dy, RmsNorm.Cache c, INDArray w, INDArray dw) {
        int n = (int) dy.size(0);
        int d = (int) dy.size(1);
        double[] g = FastPath.read(dy, 0);
        double[] xh = FastPath.read(c.xhat(), 1);
        double[] inv = FastPath.read(c.invRms(), 2);
        double[] ws = FastPath.read(w, 3);
        double[] dws = FastPath.read(dw, 4);
        for (int r = 0; r < n; r++) {
            int o = r * d;
            double dot = 0;
            for (int k = 0; k < d; k++) {
                double dyk = g[o + k];
                dws[k] += dyk * xh[o + k];
                double gk = dyk * ws[k];
                g[o + k] = gk;
                dot += gk * xh[o + k];
            }
            dot /= d;
            double s = inv[r];
            for (int k = 0; k < d; k++) {
                g[o + k] = (g[o + k] - xh[o + k] * dot) * s;
            }
        }
        FastPath.write(dws, dw);
        return FastPath.create(g, dy.dataType(), n, d);
    }
}
