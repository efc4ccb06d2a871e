package ftx.engine.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code trainer_state.json} holds to resume a run exactly: the step, the generator state,
 * and the metrics history (one row per step: step, loss, ce, klMean, learningRate).
 */
final class TrainerState {
    static final String STEP = "step";
    static final String RNG = "rng_state";
    static final String ADAM_STEPS = "adam_steps";
    static final String HISTORY = "history";
    static final String HISTORY_COLUMNS = "history_columns";
    static final List<String> COLUMNS = List.of("step", "loss", "ce", "kl", "lr");

    private TrainerState() {
    }

    static Map<String, Object> write(int step, long rngState, long adamSteps, List<double[]> history) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put(STEP, step);
        s.put(RNG, Long.toString(rngState)); // as a string: JSON numbers lose 64-bit precision in some readers
        s.put(ADAM_STEPS, adamSteps);
        s.put(HISTORY_COLUMNS, COLUMNS);
        s.put(HISTORY, history);
        return s;
    }

    static int step(Map<String, Object> s) {
        return ((Number) required(s, STEP)).intValue();
    }

    static long rngState(Map<String, Object> s) {
        return Long.parseLong(required(s, RNG).toString());
    }

    static long adamSteps(Map<String, Object> s) {
        return ((Number) required(s, ADAM_STEPS)).longValue();
    }

    @SuppressWarnings("unchecked")
    static List<double[]> history(Map<String, Object> s) {
        List<double[]> out = new ArrayList<>();
        Object h = s.get(HISTORY);
        if (h instanceof List<?> rows) {
            for (Object row : rows) {
                List<Number> r = (List<Number>) row;
                double[] v = new double[r.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.get(i).doubleValue();
                }
                out.add(v);
            }
        }
        return out;
    }

    private static Object required(Map<String, Object> s, String key) {
        Object v = s.get(key);
        if (v == null) {
            throw new IllegalArgumentException("trainer_state.json has no \"" + key + "\"");
        }
        return v;
    }
}
