package ftx.engine.generate;

import ftx.engine.util.Rng;

/** Draws a symbol from logits with temperature and top-k (plain host code: V is small). */
final class Sampler {
    private Sampler() {
    }

    static int draw(float[] logits, double temperature, int topK, Rng rng) {
        int v = logits.length;
        if (temperature == 0) {
            return argmax(logits);
        }
        double cutoff = Double.NEGATIVE_INFINITY;
        if (topK > 0 && topK < v) {
            float[] sorted = logits.clone();
            java.util.Arrays.sort(sorted);
            cutoff = sorted[v - topK];
        }
        double max = logits[argmax(logits)];
        double[] w = new double[v];
        double sum = 0;
        for (int i = 0; i < v; i++) {
            w[i] = logits[i] >= cutoff ? Math.exp((logits[i] - max) / temperature) : 0;
            sum += w[i];
        }
        double u = rng.nextDouble() * sum;
        for (int i = 0; i < v; i++) {
            u -= w[i];
            if (u < 0 && w[i] > 0) {
                return i;
            }
        }
        return argmax(logits);
    }

    static int argmax(float[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }
}
