package ftx.engine.model;

import ftx.engine.util.FastPath;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Host kernel for the backward of the attention softmax on FLOAT arrays [B, nh, Tq, Tk] (SPEC
 * section 2): {@code dS = P (dP - rowsum(dP P)) * scale} in one pass instead of five ND4J ops
 * (attention backward 13.5-14.0 -> 12.4-12.5 ms per [32 x 65, 128] block here);
 * {@link Attention#softmaxBackwardPlain} stays as fallback and oracle.
 */
final class SoftmaxKernel {
    private SoftmaxKernel() {
    }

    /** In place: dP -> dS = P (dP - rowsum(dP P)) * scale, both [B, nh, Tq, Tk]. */
    static void backward(INDArray dP, INDArray probs, double scale) {
        int tk = (int) dP.size(3);
        int n = (int) dP.length();
        float[] d = FastPath.readFloats(dP, 0, n, 0);
        float[] p = FastPath.readFloats(probs, 0, n, 1);
        float sc = (float) scale;
        for (int o = 0; o < n; o += tk) {
            double dot = 0;
            for (int j = 0; j < tk; j++) {
                dot += d[o + j] * p[o + j];
            }
            float rowDot = (float) dot;
            for (int j = 0; j < tk; j++) {
                d[o + j] = p[o + j] * (d[o + j] - rowDot) * sc;
            }
        }
        FastPath.writeFloats(d, dP, 0, n);
    }
}
