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

    /** The first probed step where shared agreement reached 3x chance, or -1. */
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
