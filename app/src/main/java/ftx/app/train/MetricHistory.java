package ftx.app.train;

import java.util.Arrays;

/** Growable per-step curves of a run (step, CE, KL, loss, tokens/s) for the charts; append-only. */
public final class MetricHistory {
    private double[] step = new double[256];
    private double[] ce = new double[256];
    private double[] kl = new double[256];
    private double[] loss = new double[256];
    private double[] tokensPerSecond = new double[256];
    private int size;

    public void add(double s, double c, double k, double l, double tps) {
        if (size == step.length) {
            int n = size * 2;
            step = Arrays.copyOf(step, n);
            ce = Arrays.copyOf(ce, n);
            kl = Arrays.copyOf(kl, n);
            loss = Arrays.copyOf(loss, n);
            tokensPerSecond = Arrays.copyOf(tokensPerSecond, n);
        }
        step[size] = s;
        ce[size] = c;
        kl[size] = k;
        loss[size] = l;
        tokensPerSecond[size] = tps;
        size++;
    }

    public int size() {
        return size;
    }

    public double[] steps() {
        return step;
    }

    public double[] ce() {
        return ce;
    }

    public double[] kl() {
        return kl;
    }

    public double[] loss() {
        return loss;
    }

    public double[] tokensPerSecond() {
        return tokensPerSecond;
    }

    public void clear() {
        size = 0;
    }
}
