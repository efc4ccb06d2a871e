package ftx.app.sweep;

import java.util.List;

/**
 * One row of a sweep as a dot of the phase diagram: its kappa, seed and recipe, and what its
 * evaluation measured, shared-Z groups against fresh-Z groups (NaN where not measured).
 *
 * @param row         the row's name in the sweep
 * @param kappaBits   kappa in bits; NaN for the baseline (no Z)
 * @param seed        the training seed
 * @param recipe      the row's options besides kappa and seed, in words ("paper's recipe" when none vary)
 * @param position    shared/fresh fraction within +-1 of the group's mode (reviews: sentiment agreement)
 * @param chance      the chance level of position (pairs from different groups)
 * @param noise       shared/fresh noise overlap (synthetic task only)
 * @param wellFormed  shared/fresh well-formed fraction
 * @param checkpoint  the row's checkpoint folder name in the sweep, or null when the sweep keeps none
 * @param sharedGroups the texts of the shared-Z groups (for a look when there is no checkpoint)
 * @param freshGroups the texts of the fresh-Z groups
 * @param reading     the evaluation's one-line reading as a Figure 4 panel ("Z carries the position", ...)
 * @param steps       the steps the row trained
 * @param where       where the row ran
 */
public record PhasePoint(String row, double kappaBits, long seed, String recipe, Pair position, double chance, Pair noise,
                         Pair wellFormed, String checkpoint, List<List<String>> sharedGroups,
                         List<List<String>> freshGroups, String reading, int steps, String where) {
    /** A number measured on shared-Z groups and on fresh-Z groups. */
    public record Pair(double shared, double fresh) {
    }

    public boolean baseline() {
        return Double.isNaN(kappaBits);
    }

    /** The row's numbers in a few lines (hover text). */
    public String describe(boolean reviews) {
        String k = baseline() ? "baseline (no Z)" : "kappa " + PhaseData.kappaText(kappaBits) + " bits";
        return String.format("%s%n%s, seed %d, %s%n%s shared %.2f / fresh %.2f (chance %.2f)%n%s"
                        + "well formed shared %.2f / fresh %.2f", row, k, seed, recipe,
                reviews ? "sentiment agreement" : "within +-1 of the mode", position.shared(), position.fresh(), chance,
                reviews ? "" : String.format("noise overlap shared %.2f / fresh %.2f%n", noise.shared(), noise.fresh()),
                wellFormed.shared(), wellFormed.fresh());
    }
}
