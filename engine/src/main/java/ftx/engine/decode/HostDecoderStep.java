package ftx.engine.decode;

import ftx.engine.model.Attention;
import ftx.engine.model.Block;
import ftx.engine.model.BlockWeights;
import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Parameters;
import ftx.engine.kernels.RopeTable;
import ftx.engine.kernels.HostAttentionKernel;
import ftx.engine.kernels.HostMemory;
import ftx.engine.kernels.Simd;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One generated position per sequence through blocks 1..L with the KV cache, on the host (SPEC
 * section 2, "Generation"). At one position per step the ND4J path is dominated by per-op
 * overhead (about forty ops per block); here each block is a few loops over host copies of the
 * weights, stored transposed ([in][out]) so that every product is a run of contiguous
 * multiply-adds. Keys and values are read from and appended to the same cache arrays as
 * {@link Attention#forwardCached}, so the two paths can alternate. Same arithmetic as
 * {@link Block#forwardCached}: norms and residuals in double; the products in float, the model's
 * own precision (it applies to float models only), which halves the memory each step streams and
 * lets them vectorise; attention in double, or in float vectors read from the cache in place
 * ({@link HostAttentionKernel}) when SIMD applies and a head is whole vectors.
 */
final class HostDecoderStep {
    private final FreeTransformerConfig c;
    private final RopeTable rope;
    private final double[][] attnNorm;
    private final float[][][] wq;
    private final float[][][] wk;
    private final float[][][] wv;
    private final float[][][] wo;
    private final double[][] mlpNorm;
    private final float[][][] w1;
    private final float[][][] w3;
    private final float[][][] w2;
    private final double[] finalNorm;
    private final float[][] head;
    private final INDArray post; // [2^H, D], read row by row

    /** Host copies of the model's decoder weights (the encoder is not needed per position). */
    HostDecoderStep(FreeTransformer model) {
        this.c = model.config();
        this.rope = model.rope().table();
        Parameters p = model.parameters();
        int l = c.nLayers();
        attnNorm = new double[l][];
        wq = new float[l][][];
        wk = new float[l][][];
        wv = new float[l][][];
        wo = new float[l][][];
        mlpNorm = new double[l][];
        w1 = new float[l][][];
        w3 = new float[l][][];
        w2 = new float[l][][];
        for (int i = 0; i < l; i++) {
            BlockWeights w = BlockWeights.of(p, BlockWeights.blockPrefix(i));
            attnNorm[i] = copy(w.attnNorm());
            wq[i] = HostMatmul.transposed(w.wq());
            wk[i] = HostMatmul.transposed(w.wk());
            wv[i] = HostMatmul.transposed(w.wv());
            wo[i] = HostMatmul.transposed(w.wo());
            mlpNorm[i] = copy(w.mlpNorm());
            w1[i] = HostMatmul.transposed(w.w1());
            w3[i] = HostMatmul.transposed(w.w3());
            w2[i] = HostMatmul.transposed(w.w2());
        }
        finalNorm = copy(p.get("norm.weight"));
        head = HostMatmul.transposed(p.get("head.weight"));
        post = c.hasLatent() ? p.get("post.weight") : null;
    }

    /** True for a float model whose weights and caches can be used as host memory. */
    static boolean applies(FreeTransformer model, java.util.List<Attention.KvCache> caches) {
        if (model.parameters().dataType() != org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            return false;
        }
        for (INDArray a : model.parameters().asMap().values()) {
            if (!HostMemory.dense(a, model.parameters().get("embed.weight"))) {
                return false;
            }
        }
        for (Attention.KvCache k : caches) {
            if (!HostMemory.dense(k.k, k.v, model.parameters().get("embed.weight"))) {
                return false;
            }
        }
        return true;
    }

    /** x [B*D]: the embedded tokens in, X_half out (blocks 1..L/2), appending to the caches. */
    void lowerHalf(double[] x, int b, java.util.List<Attention.KvCache> caches) {
        for (int i = 0; i < c.nLayers() / 2; i++) {
            block(i, x, null, b, caches.get(i));
        }
    }

    /** x [B*D]: X_half in; z [B] (ignored by the baseline); returns the logits [B][V]. */
    float[][] upperHalf(double[] x, int[] z, int b, java.util.List<Attention.KvCache> caches) {
        int d = c.dModel();
        double[] kv = null;
        if (c.hasLatent()) {
            kv = x.clone();
            for (int s = 0; s < b; s++) {
                double[] row = HostMemory.readRange(post, (long) z[s] * d, d, 7); // R = W_post[z]
                for (int k = 0; k < d; k++) {
                    kv[s * d + k] += row[k];
                }
            }
        }
        int half = c.nLayers() / 2;
        for (int i = half; i < c.nLayers(); i++) {
            block(i, x, i == half ? kv : null, b, caches.get(i));
        }
        double[] xn = new double[b * d];
        rmsNorm(x, finalNorm, b, d, xn);
        int v = c.vocabSize();
        double[] logits = new double[b * v];
        HostMatmul.multiplyAdd(xn, b, d, head, v, logits);
        float[][] out = new float[b][v];
        for (int s = 0; s < b; s++) {
            for (int k = 0; k < v; k++) {
                out[s][k] = (float) logits[s * v + k];
            }
        }
        return out;
    }

    /** One position of block i: xq [B*D] updated in place; keys/values from xkv (null = xq). */
    private void block(int i, double[] xq, double[] xkv, int b, Attention.KvCache cache) {
        int d = c.dModel();
        int f = c.ffnHidden();
        int pos = cache.length;
        double[] qn = new double[b * d];
        rmsNorm(xq, attnNorm[i], b, d, qn);
        double[] kvn = qn;
        if (xkv != null) {
            kvn = new double[b * d];
            rmsNorm(xkv, attnNorm[i], b, d, kvn);
        }
        double[] q = new double[b * d];
        double[] k = new double[b * d];
        double[] v = new double[b * d];
        HostMatmul.multiplyAdd(qn, b, d, wq[i], d, q);
        HostMatmul.multiplyAdd(kvn, b, d, wk[i], d, k);
        HostMatmul.multiplyAdd(kvn, b, d, wv[i], d, v);
        for (int s = 0; s < b; s++) {
            rope.rotateRow(q, s * d, d, pos, 1);
            rope.rotateRow(k, s * d, d, pos, 1);
        }
        double[] att = attend(q, k, v, b, cache);
        double[] proj = new double[b * d];
        HostMatmul.multiplyAdd(att, b, d, wo[i], d, proj);
        for (int j = 0; j < b * d; j++) {
            xq[j] += proj[j];
        }
        double[] hn = new double[b * d];
        rmsNorm(xq, mlpNorm[i], b, d, hn);
        double[] a = new double[b * f];
        double[] up = new double[b * f];
        HostMatmul.multiplyAdd(hn, b, d, w1[i], f, a);
        HostMatmul.multiplyAdd(hn, b, d, w3[i], f, up);
        for (int j = 0; j < b * f; j++) {
            a[j] = a[j] / (1 + Math.exp(-a[j])) * up[j]; // silu(a) * up
        }
        double[] y = new double[b * d];
        HostMatmul.multiplyAdd(a, b, f, w2[i], d, y);
        for (int j = 0; j < b * d; j++) {
            xq[j] += y[j];
        }
    }

    /** Appends k, v [B*D] at position cache.length and attends q [B*D] over positions 0..length. */
    private double[] attend(double[] q, double[] k, double[] v, int b, Attention.KvCache cache) {
        int d = c.dModel();
        int nh = c.nHeads();
        int hd = c.headDim();
        int pos = cache.length;
        int tmax = (int) cache.k.size(2);
        HostMemory.Access kc = HostMemory.access(cache.k);
        HostMemory.Access vc = HostMemory.access(cache.v);
        for (int s = 0; s < b; s++) {
            for (int h = 0; h < nh; h++) {
                int base = ((s * nh + h) * tmax + pos) * hd; // cache [B, nh, Tmax, hd]
                for (int e = 0; e < hd; e++) {
                    kc.set(base + e, k[s * d + h * hd + e]);
                    vc.set(base + e, v[s * d + h * hd + e]);
                }
            }
        }
        cache.length = pos + 1;
        int len = pos + 1;
        double scale = 1.0 / Math.sqrt(hd);
        double[] out = new double[b * d];
        double[] p = new double[len];
        if (Simd.applies(cache.k, cache.v) && HostAttentionKernel.fits(hd)) {
            float[] qf = new float[b * d];
            for (int j = 0; j < qf.length; j++) {
                qf[j] = (float) q[j];
            }
            float[] acc = new float[hd];
            Simd.Memory km = Simd.memory(cache.k);
            Simd.Memory vm = Simd.memory(cache.v);
            for (int s = 0; s < b; s++) {
                for (int h = 0; h < nh; h++) {
                    int from = (s * nh + h) * tmax * hd * Float.BYTES;
                    HostAttentionKernel.head(qf, s * d + h * hd, km.bytes(), km.start() + from, vm.bytes(),
                            vm.start() + from, len, hd, scale, p, out, s * d + h * hd, acc);
                }
            }
            return out;
        }
        for (int s = 0; s < b; s++) {
            for (int h = 0; h < nh; h++) {
                long from = (long) (s * nh + h) * tmax * hd;
                float[] keys = HostMemory.readFloats(cache.k, from, len * hd, 5); // [len, hd], a bulk copy
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < len; t++) {
                    double dot = 0;
                    for (int e = 0; e < hd; e++) {
                        dot += q[s * d + h * hd + e] * keys[t * hd + e];
                    }
                    p[t] = dot * scale;
                    max = Math.max(max, p[t]);
                }
                double sum = 0;
                for (int t = 0; t < len; t++) {
                    p[t] = Math.exp(p[t] - max);
                    sum += p[t];
                }
                float[] values = HostMemory.readFloats(cache.v, from, len * hd, 6);
                int o = s * d + h * hd;
                for (int t = 0; t < len; t++) {
                    double w = p[t] / sum;
                    for (int e = 0; e < hd; e++) {
                        out[o + e] += w * values[t * hd + e];
                    }
                }
            }
        }
        return out;
    }

    private void rmsNorm(double[] x, double[] w, int rows, int d, double[] y) {
        for (int r = 0; r < rows; r++) {
            double ss = 0;
            for (int k = 0; k < d; k++) {
                ss += x[r * d + k] * x[r * d + k];
            }
            double inv = 1.0 / Math.sqrt(ss / d + c.normEps());
            for (int k = 0; k < d; k++) {
                y[r * d + k] = x[r * d + k] * inv * w[k];
            }
        }
    }

    private static double[] copy(INDArray a) {
        return HostMemory.copy(a);
    }
}
