package ftx.app.figure;

import ftx.app.common.FileDialogs;
import ftx.engine.analysis.GroupMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;

/**
 * One panel of the Figure 4 page: the model's name, one fresh-Z group and two shared-Z groups of
 * 5 samples, the numbers, and the reading. A checkpoint folder dropped on it (or chosen) replaces
 * its model.
 */
final class FigurePanel extends VBox {
    private final Label title = new Label();
    private final Label groups = new Label();
    private final Label numbers = new Label();
    private final Label reading = new Label();
    private final Label recipe = new Label();

    FigurePanel(Consumer<Path> onModel) {
        super(2);
        setPadding(new Insets(6, 8, 6, 8));
        getStyleClass().add("figure-panel");
        title.getStyleClass().add("section-title");
        groups.setFont(Font.font("Monospaced", 9));
        groups.setLineSpacing(-2);
        groups.setMinHeight(Region.USE_PREF_SIZE);
        numbers.setWrapText(true);
        numbers.getStyleClass().add("help-text");
        reading.getStyleClass().add("figure-reading");
        reading.setWrapText(true);
        Button choose = new Button("Model...");
        choose.setTooltip(new Tooltip("Put another model of the synthetic task in this panel (or drop its folder here)"));
        choose.setOnAction(e -> {
            Path f = FileDialogs.folder(this, "A checkpoint folder of a synthetic-task model");
            if (f != null) {
                onModel.accept(f);
            }
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(8, title, spacer, choose);
        top.setAlignment(Pos.CENTER_LEFT);
        recipe.getStyleClass().add("figure-recipe");
        recipe.setWrapText(false); // one line, cut with an ellipsis; the tooltip has it whole
        recipe.setVisible(false);
        recipe.setManaged(false);
        getChildren().setAll(top, recipe, reading, groups, numbers);
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().get(0).isDirectory()) {
                e.acceptTransferModes(TransferMode.LINK);
            }
            e.consume();
        });
        setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && e.getDragboard().getFiles().get(0).isDirectory();
            if (ok) {
                onModel.accept(e.getDragboard().getFiles().get(0).toPath());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    void show(FigurePanelData p, boolean busy) {
        title.setText(p.name());
        title.setTooltip(p.recipe() == null ? null : new Tooltip("Trained with " + p.recipe()));
        boolean paper = p.recipe() == null;
        recipe.setText(paper ? "" : "Trained with " + p.recipe());
        recipe.setTooltip(paper ? null : new Tooltip("Trained with " + p.recipe()));
        recipe.setVisible(!paper);
        recipe.setManaged(!paper);
        if (p.report() == null) {
            reading.setText(p.error() != null ? "Cannot evaluate: " + p.error() : busy ? "generating..." : "");
            groups.setText("");
            numbers.setText("");
            return;
        }
        reading.setText(p.reading());
        StringBuilder b = new StringBuilder();
        List<List<String>> shown = p.shownGroups();
        String[] names = {"fresh Z (each sample its own)", "shared Z, group 1", "shared Z, group 2"};
        for (int g = 0; g < shown.size(); g++) {
            if (!shown.get(g).isEmpty()) {
                b.append(names[g]).append('\n');
                shown.get(g).forEach(s -> b.append("  ").append(s).append('\n'));
            }
        }
        groups.setText(b.toString().stripTrailing());
        numbers.setText(numbers(p.fresh(), p.shared()));
    }

    /** "well formed 89% / 97% · within +-1 of the mode 37% / 71% (chance 35%) · noise overlap 0.10 / 0.53" (fresh / shared). */
    static String numbers(GroupMetrics fresh, GroupMetrics shared) {
        if (shared == null) {
            return String.format(Locale.ROOT, "no Z (baseline): well formed %s", pct(fresh.wellFormed()));
        }
        return String.format(Locale.ROOT, "fresh / shared Z: well formed %s / %s;  start within +-1 of the group's mode %s / %s "
                        + "(chance %s);  same start %s / %s of pairs;  noise overlap %.2f / %.2f", pct(fresh.wellFormed()),
                pct(shared.wellFormed()), pct(fresh.nearMode()), pct(shared.nearMode()), pct(fresh.nearModeChance()),
                pct(fresh.startAgreement()), pct(shared.startAgreement()), fresh.noiseOverlap(), shared.noiseOverlap());
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f%%", 100 * v) : "-";
    }

    Label recipeLabel() {
        return recipe;
    }

    Label readingLabel() {
        return reading;
    }
}
