package ftx.engine.analysis;

/**
 * The one-line reading of a model's panel in the paper's Figure 4 (Fleuret 2025, section 4.1):
 * what its shared-Z groups have in common beyond fresh-Z groups. Rules, in order:
 * fewer than 70% of the fresh-Z samples well formed: "too much: outputs break"; else the
 * position counts as carried when shared-Z samples are within +-1 of their group's mode more than
 * 0.10 more often than fresh-Z samples, and the noise when the shared groups' noise overlap is more
 * than 0.15 above the fresh groups'.
 */
public final class FigureReading {
    public static final String NOTHING = "Z carries nothing";
    public static final String POSITION = "Z carries the position";
    public static final String NOISE = "Z carries the noise";
    public static final String BOTH = "Z carries the position and the noise";
    public static final String BREAKS = "too much: outputs break";
    public static final String BASELINE = "no Z (baseline)";
    static final double WELL_FORMED = 0.70;
    static final double POSITION_MARGIN = 0.10;
    static final double NOISE_MARGIN = 0.15;

    private FigureReading() {
    }

    public static String of(SyntheticEvaluationReport r) {
        if (r.shared() == null) {
            return BASELINE;
        }
        GroupMetrics fresh = r.fresh().metrics();
        GroupMetrics shared = r.shared().metrics();
        if (!(fresh.wellFormed() >= WELL_FORMED)) {
            return BREAKS;
        }
        boolean position = shared.nearMode() - fresh.nearMode() > POSITION_MARGIN;
        boolean noise = shared.noiseOverlap() - fresh.noiseOverlap() > NOISE_MARGIN;
        return position && noise ? BOTH : position ? POSITION : noise ? NOISE : NOTHING;
    }
}
