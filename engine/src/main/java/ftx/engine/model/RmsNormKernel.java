package ftx.engine.model;

import ftx.engine.util.FastPath;
import ftx.engine.util.FloatDot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Host kernels for {@link RmsNorm} on FLOAT arrays (SPEC section 2): one pass per row instead of
 * the six ND4J ops of the plain forward and the seven of the plain backward, in float with bulk
 * copies in and out (converting to double cost three times the copies). Each row is copied into
 * arrays of its own, since HotSpot 17 vectorises a loop only when all its arrays share the
 * counter (row offsets kept these loops scalar). Same results as the plain versions up to
 * rounding; the row sums are accumulated in double.
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
        float[] ys = FastPath.floatScratch(2, n * d);
        float[] inv = FastPath.floatScratch(3, n);
        float[] row = FastPath.floatScratch(4, d);
        for (int r = 0; r < n; r++) {
            int o = r * d;
            System.arraycopy(xs, o, row, 0, d);
            float s = (float) (1.0 / Math.sqrt(FloatDot.of(row, row, d) / d + eps));
            inv[r] = s;
            for (int k = 0; k < d; k++) {
                row[k] *= s; // xhat
            }
            System.arraycopy(row, 0, xs, o, d);
            for (int k = 0; k < d; k++) {
                row[k] *= ws[k]; // y
            }
            System.arraycopy(row, 0, ys, o, d);
        }
        return new RmsNorm.Output(created(ys, n, d), new RmsNorm.Cache(created(xs, n, d), created(inv, n, 1)));
    }

    /** dw += sum_rows(dy * xhat); dx = (dy*w - xhat * mean(dy*w*xhat)) * invRms. */
    static INDArray backward(INDArray dy, RmsNorm.Cache c, INDArray w, INDArray dw) {
        int n = (int) dy.size(0);
        int d = (int) dy.size(1);
        float[] g = FastPath.readFloats(dy, 0, n * d, 0);
        float[] xh = FastPath.readFloats(c.xhat(), 0, n * d, 1);
        float[] inv = FastPath.readFloats(c.invRms(), 0, n, 2);
        float[] ws = FastPath.readFloats(w, 0, d, 3);
        float[] dws = FastPath.readFloats(dw, 0, d, 4);
        float[] gr = FastPath.floatScratch(5, d);
        float[] xr = FastPath.floatScratch(6, d);
        for (int r = 0; r < n; r++) {
            int o = r * d;
            System.arraycopy(g, o, gr, 0, d);
            System.arraycopy(xh, o, xr, 0, d);
            for (int k = 0; k < d; k++) {
                dws[k] += gr[k] * xr[k];
                gr[k] *= ws[k];
            }
            float mean = (float) (FloatDot.of(gr, xr, d) / d);
            float s = inv[r];
            for (int k = 0; k < d; k++) {
                gr[k] = (gr[k] - xr[k] * mean) * s;
            }
            System.arraycopy(gr, 0, g, o, d);
        }
        FastPath.writeFloats(dws, dw, 0, d);
        return created(g, n, d);
    }

    private static INDArray created(float[] values, int rows, int cols) {
        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
        FastPath.writeFloats(values, a, 0, rows * cols);
        return a;
    }
}
