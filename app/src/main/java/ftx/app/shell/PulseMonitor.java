package ftx.app.shell;

import java.util.Arrays;
import javafx.animation.AnimationTimer;

/**
 * Measures the FX pulse interval (time between frames) to check that training leaves the UI
 * responsive: keeps the last intervals and reports their median and 95th percentile.
 */
public final class PulseMonitor extends AnimationTimer {
    private final double[] intervalsMs = new double[4096];
    private int count;
    private long last;

    @Override
    public void handle(long now) {
        if (last != 0) {
            intervalsMs[count % intervalsMs.length] = (now - last) / 1e6;
            count++;
        }
        last = now;
    }

    /** {p50, p95, samples} of the intervals recorded so far, in ms. */
    public synchronized double[] percentiles() {
        int n = Math.min(count, intervalsMs.length);
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN, 0};
        }
        double[] s = Arrays.copyOf(intervalsMs, n);
        Arrays.sort(s);
        return new double[] {s[n / 2], s[(int) Math.min(n - 1, Math.floor(n * 0.95))], n};
    }
}
