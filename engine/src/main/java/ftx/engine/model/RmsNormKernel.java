package ftx.engine.model;

import ftx.engine.util.FastPath;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Host kernels for {@link RmsNorm} on FLOAT arrays (SPEC section 2): one pass per row instead of
 * the six ND4J ops of the plain forward and the seven of the plain backward, in float with bulk
 * copies in and out (converting to double cost three times the copies). Same results as the
 * plain versions up to rounding; row sums are accumulated in double.
 */
final class RmsNormKernel {
    private RmsNormKernel() {
    }

    /** y = xhat * w with xhat = x * invRms, invRms = 1 / sqrt(mean(x^2) + eps), per row of x [N, D]. */
    static RmsNorm.Output forward(INDArray x, INDArray w, double eps) {
        int n = (int) x.size(0);
        int d = (int) x.size(1);
        float[] xs = FastPath.readFloats(x, 0, n * d, 0);
        float[] ws = FastPath.readFloats(w, 0, d, 1);
        float[] inv = FastPath.floatScratch(4, n);
        for (int r = 0; r < n; r++) {
            int o = r * d;
            float s = (float) (1.0 / Math.sqrt(dot(xs, o, xs, o, d) / d + eps));
            inv[r] = s;
            for (int k = 0; k < d; k++) {
                xs[o + k] *= s; // xhat, in place
            }
        }
        INDArray xhat = Nd4j.createUninitialized(DataType.FLOAT, n, d);
        FastPath.writeFloats(xs, xhat, 0, n * d);
        for (int r = 0; r < n; r++) {
            int o = r * d;
            for (int k = 0; k < d; k++) {
                xs[o + k] *= ws[k]; // y
            }
        }
        INDArray y = Nd4j.createUninitialized(DataType.FLOAT, n, d);
        FastPath.writeFloats(xs, y, 0, n * d);
        INDArray invRms = Nd4j.createUninitialized(DataType.FLOAT, n, 1);
        FastPath.writeFloats(inv, invRms, 0, n);
        return new RmsNorm.Output(y, new RmsNorm.Cache(xhat, invRms));
    }

    /** dw += sum_rows(dy * xhat); dx = (dy*w - xhat * mean(dy*w*xhat)) * invRms. */
    static INDArray backward(INDArray dy, RmsNorm.Cache c, INDArray w, INDArray dw) {
        int n = (int) dy.size(0);
        int d = (int) dy.size(1);
        float[] g = FastPath.readFloats(dy, 0, n * d, 0);
        float[] xh = FastPath.readFloats(c.xhat(), 0, n * d, 1);
        float[] inv = FastPath.readFloats(c.invRms(), 0, n, 2);
        float[] ws = FastPath.readFloats(w, 0, d, 3);
        double[] dws = new double[d];
        for (int r = 0; r < n; r++) {
            int o = r * d;
            for (int k = 0; k < d; k++) {
                float dyk = g[o + k];
                dws[k] += dyk * xh[o + k];
                g[o + k] = dyk * ws[k];
            }
            float mean = (float) (dot(g, o, xh, o, d) / d);
            float s = inv[r];
            for (int k = 0; k < d; k++) {
                g[o + k] = (g[o + k] - xh[o + k] * mean) * s;
            }
        }
        float[] dwNew = FastPath.readFloats(dw, 0, d, 4);
        for (int k = 0; k < d; k++) {
            dwNew[k] += (float) dws[k];
        }
        FastPath.writeFloats(dwNew, dw, 0, d);
        INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, n, d);
        FastPath.writeFloats(g, dx, 0, n * d);
        return dx;
    }

    /** sum_k a[ao + k] * b[bo + k] in double, four partial sums (one chain of additions is latency-bound). */
    private static double dot(float[] a, int ao, float[] b, int bo, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < n; k += 4) {
            s0 += a[ao + k] * b[bo + k];
            s1 += a[ao + k + 1] * b[bo + k + 1];
            s2 += a[ao + k + 2] * b[bo + k + 2];
            s3 += a[ao + k + 3] * b[bo + k + 3];
        }
        for (; k < n; k++) {
            s0 += a[ao + k] * b[bo + k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
