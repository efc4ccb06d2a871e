package ftx.app.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-position KL over training time for the heat strip: one row per recorded step (position
 * along x, time along y). Bounded: when full, every other row is dropped and the recording
 * interval doubles, so a 10,000-step run keeps an even sample of its history.
 */
public final class KlHeatData {
    static final int MAX_ROWS = 400;
    private final List<float[]> rows = new ArrayList<>();
    private final List<Integer> rowSteps = new ArrayList<>();
    private int interval = 1;
    private float max = 1e-6f;

    public void add(int step, float[] klPerPosition) {
        if (klPerPosition.length == 0 || step % interval != 0) {
            return;
        }
        rows.add(klPerPosition.clone());
        rowSteps.add(step);
        for (float v : klPerPosition) {
            max = Math.max(max, v);
        }
        if (rows.size() > MAX_ROWS) {
            for (int i = rows.size() - 1; i >= 0; i -= 2) {
                rows.remove(i);
                rowSteps.remove(i);
            }
            interval *= 2;
        }
    }

    public List<float[]> rows() {
        return rows;
    }

    public List<Integer> rowSteps() {
        return rowSteps;
    }

    /** Largest KL seen (for the colour scale). */
    public float max() {
        return max;
    }

    public void clear() {
        rows.clear();
        rowSteps.clear();
        interval = 1;
        max = 1e-6f;
    }
}
