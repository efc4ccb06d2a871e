package ftx.engine.train;

import ftx.engine.analysis.ProbeReading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code trainer_state.json} holds to resume a run exactly: the step, the generator state,
 * the metrics history (one row per step: step, loss, ce, klMean, learningRate), and the live
 * probe's readings ({@link ProbeReading#toMap()}, one object per probe).
 */
final class TrainerState {
    static final String FILE = "trainer_state.json";
    static final String STEP = "step";
    static final String RNG = "rng_state";
    static final String ADAM_STEPS = "adam_steps";
    static final String HISTORY = "history";
    static final String HISTORY_COLUMNS = "history_columns";
    static final String PROBES = "probes";
    static final List<String> COLUMNS = List.of("step", "loss", "ce", "kl", "lr");

    private TrainerState() {
    }

    static Map<String, Object> write(int step, long rngState, long adamSteps, List<double[]> history,
                                     List<ProbeReading> probes) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(STEP, step);
        s.put(RNG, Long.toString(rngState)); // as a string: JSON numbers lose 64-bit precision in some readers
        s.put(ADAM_STEPS, adamSteps);
        s.put(HISTORY_COLUMNS, COLUMNS);
        s.put(HISTORY, history);
        s.put(PROBES, probes.stream().map(ProbeReading::toMap).toList());
        return s;
    }

    static int step(Map<String, Object> s) {
        return (int) whole(s, STEP, Integer.MAX_VALUE);
    }

    static long rngState(Map<String, Object> s) {
        try {
            return Long.parseLong(required(s, RNG).toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(FILE + ": \"" + RNG + "\" must be a whole number, got " + s.get(RNG));
        }
    }

    static long adamSteps(Map<String, Object> s) {
        return whole(s, ADAM_STEPS, Long.MAX_VALUE);
    }

    static List<double[]> history(Map<String, Object> s) {
        List<double[]> out = new ArrayList<>();
        Object h = s.get(HISTORY);
        if (h == null) {
            return out;
        }
        if (!(h instanceof List<?> rows)) {
            throw new IllegalArgumentException(FILE + ": \"" + HISTORY + "\" must be a list of rows");
        }
        for (Object row : rows) {
            if (!(row instanceof List<?> r) || !r.stream().allMatch(x -> x instanceof Number)) {
                throw new IllegalArgumentException(FILE + ": every row of \"" + HISTORY + "\" must be a list of numbers, got " + row);
            }
            double[] v = new double[r.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = ((Number) r.get(i)).doubleValue();
            }
            out.add(v);
        }
        return out;
    }

    /** The probe readings (none in a checkpoint from before the probe). */
    static List<ProbeReading> probes(Map<String, Object> s) {
        Object p = s.get(PROBES);
        if (p == null) {
            return List.of();
        }
        if (!(p instanceof List<?> rows)) {
            throw new IllegalArgumentException(FILE + ": \"" + PROBES + "\" must be a list of readings");
        }
        List<ProbeReading> out = new ArrayList<>();
        for (Object row : rows) {
            if (!(row instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(FILE + ": every entry of \"" + PROBES + "\" must be an object, got " + row);
            }
            try {
                out.add(ProbeReading.fromMap(m));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(FILE + ": a probe reading: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** A whole number in 0..max. */
    private static long whole(Map<String, Object> s, String key, long max) {
        Object v = required(s, key);
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0 || ((Number) v).longValue() > max) {
            throw new IllegalArgumentException(FILE + ": \"" + key + "\" must be a whole number >= 0, got " + v);
        }
        return ((Number) v).longValue();
    }

    private static Object required(Map<String, Object> s, String key) {
        Object v = s.get(key);
        if (v == null) {
            throw new IllegalArgumentException(FILE + " has no \"" + key + "\"");
        }
        return v;
    }
}
