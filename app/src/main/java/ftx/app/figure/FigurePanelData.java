package ftx.app.figure;

import ftx.engine.analysis.FigureReading;
import ftx.engine.analysis.GroupMetrics;
import ftx.engine.analysis.SyntheticEvaluationReport;
import java.nio.file.Path;
import java.util.List;

/**
 * One panel of the Figure 4 page: which model, and what {@code ftx evaluate} measures on it
 * (null while it runs or when it failed, then error says why).
 *
 * @param dir    the model's checkpoint folder (null: empty panel)
 * @param report the evaluation, or null
 * @param error  why the panel has no evaluation, or null
 * @param recipe how the model was trained, in words ({@code ModelHandle#recipe}); null for the paper's way
 */
public record FigurePanelData(Path dir, SyntheticEvaluationReport report, String error, String recipe) {
    /** A panel for dir before (or without) its evaluation. */
    public static FigurePanelData pending(Path dir) {
        return new FigurePanelData(dir, null, null, null);
    }

    public String name() {
        return dir == null ? "(no model)" : dir.getFileName().toString();
    }

    /** The panel's one-line reading, or "" without an evaluation. */
    public String reading() {
        return report == null ? "" : FigureReading.of(report);
    }

    /** The fresh-Z group and the first two shared-Z groups, as the paper shows them (empty lists when absent). */
    public List<List<String>> shownGroups() {
        if (report == null) {
            return List.of();
        }
        List<List<String>> shared = report.shared() == null ? List.of() : report.shared().groups();
        return List.of(report.fresh().firstGroup(), shared.isEmpty() ? List.of() : shared.get(0),
                shared.size() < 2 ? List.of() : shared.get(1));
    }

    public GroupMetrics fresh() {
        return report == null ? null : report.fresh().metrics();
    }

    public GroupMetrics shared() {
        return report == null || report.shared() == null ? null : report.shared().metrics();
    }
}
