package ftx.app.train;

import ftx.engine.analysis.ProbeReading;
import java.util.ArrayList;
import java.util.List;

/**
 * The live probe's readings of a run, for the "What Z decides" chart: shared-Z and fresh-Z
 * agreement and chance per probed step, the latest reading (its groups and bit dictionary), and
 * the step where shared-Z samples first agreed {@value #DECISIVE}x as often as chance.
 */
public final class ProbeTrack {
    /** How many times chance counts as "Z decides". */
    public static final double DECISIVE = 3;
    private final List<ProbeReading> readings = new ArrayList<>();

    public void add(ProbeReading r) {
        readings.add(r);
    }

    public void clear() {
        readings.clear();
    }

    public int size() {
        return readings.size();
    }

    /** The latest reading, or null. */
    public ProbeReading latest() {
        return readings.isEmpty() ? null : readings.get(readings.size() - 1);
    }

    public double[] steps() {
        return readings.stream().mapToDouble(ProbeReading::step).toArray();
    }

    public double[] shared() {
        return readings.stream().mapToDouble(ProbeReading::shared).toArray();
    }

    public double[] fresh() {
        return readings.stream().mapToDouble(ProbeReading::fresh).toArray();
    }

    public double[] chance() {
        return readings.stream().mapToDouble(ProbeReading::chance).toArray();
    }

    /** Probes the smoothed curves average over: the latest and up to four before it. */
    public static final int WINDOW = 5;

    /**
     * The trailing mean of v over the last {@value #WINDOW} probes at each probe: the trend a learner
     * can read (one probe has 10 groups per mode, so single readings jump).
     */
    public static double[] smoothed(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int from = Math.max(0, i - WINDOW + 1);
            double sum = 0;
            for (int j = from; j <= i; j++) {
                sum += v[j];
            }
            out[i] = sum / (i - from + 1);
        }
        return out;
    }

    /**
     * The standard error of that mean at each probe (the readings' spread in the window over the
     * square root of their count; 0 with one reading): the band drawn around the smoothed curve.
     */
    public static double[] standardError(double[] v) {
        double[] out = new double[v.length];
        double[] mean = smoothed(v);
        for (int i = 0; i < v.length; i++) {
            int from = Math.max(0, i - WINDOW + 1);
            int n = i - from + 1;
            if (n < 2) {
                continue;
            }
            double ss = 0;
            for (int j = from; j <= i; j++) {
                ss += (v[j] - mean[i]) * (v[j] - mean[i]);
            }
            out[i] = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        }
        return out;
    }

    /**
     * The first probed step where shared agreement reached 3x chance, or -1. The rule reads single
     * probes, not the smoothed curve: the marker is where it first happened.
     */
    public int decisiveStep() {
        for (ProbeReading r : readings) {
            if (r.sharedOverChance() >= DECISIVE) {
                return r.step();
            }
        }
        return -1;
    }

    /** The reading nearest to a step (for the chart's hover), or null. */
    public ProbeReading nearest(double step) {
        ProbeReading best = null;
        for (ProbeReading r : readings) {
            if (best == null || Math.abs(r.step() - step) < Math.abs(best.step() - step)) {
                best = r;
            }
        }
        return best;
    }
}
