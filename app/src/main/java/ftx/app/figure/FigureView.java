package ftx.app.figure;

import ftx.app.common.LessonTarget;
import ftx.app.common.PngExport;
import ftx.app.common.SaveDialog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The paper's Figure 4 as one page: four models side by side in a 2 x 2 grid, one prompt for
 * all, each panel with a fresh-Z group, two shared-Z groups, its numbers and a one-line reading;
 * regenerate all with one button, export the page as PNG and the numbers as JSON or CSV.
 */
public final class FigureView extends BorderPane {
    private final FigureViewModel vm;
    private final List<FigurePanel> panels = new ArrayList<>();
    private final GridPane grid = new GridPane();
    private final Label message = new Label();
    final Button regenerate = new Button("Regenerate all");
    final TextField letter = new TextField("C");
    final TextField groups = new TextField("20");
    final TextField seed = new TextField("1");

    public FigureView(FigureViewModel vm) {
        this.vm = vm;
        getStyleClass().add("figure-view");
        Label title = new Label("Figure 4: what Z carries at four free-bits budgets");
        title.getStyleClass().add("view-title");
        Label seeing = new Label("What am I seeing: each panel is a model trained with a different kappa (Fleuret 2025, "
                + "Figure 4). In a fresh-Z group every sample draws its own Z; the 5 samples of a shared-Z group share one "
                + "Z sequence, so what they have in common (the block's place, the noise) is what Z decides.");
        seeing.setWrapText(true);
        seeing.getStyleClass().add("help-text");
        seeing.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        letter.setPrefColumnCount(2);
        groups.setPrefColumnCount(4);
        seed.setPrefColumnCount(5);
        letter.setTooltip(new Tooltip("The prompt letter of every group (A..Z): one prompt for all panels"));
        groups.setTooltip(new Tooltip("Groups of 5 samples per mode behind each panel's numbers (2..200)"));
        seed.setTooltip(new Tooltip("Seed of the Z draws and the sampling: the same seed gives the same page"));
        regenerate.getStyleClass().add("accent");
        regenerate.setOnAction(e -> regenerate());
        regenerate.disableProperty().bind(vm.busyProperty());
        Button png = new Button("Export PNG...");
        png.setOnAction(e -> exportPng());
        Button data = new Button("Export numbers...");
        data.setTooltip(new Tooltip("The numbers of every panel as JSON (.json) or CSV (.csv)"));
        data.setOnAction(e -> exportNumbers());
        HBox bar = new HBox(8, new Label("Prompt"), letter, new Label(">   groups"), groups, new Label("seed"), seed, regenerate,
                png, data);
        bar.setAlignment(Pos.CENTER_LEFT);
        message.getStyleClass().add("error-text");
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add("status-text");
        status.setWrapText(true);
        for (int i = 0; i < 4; i++) {
            int index = i;
            FigurePanel p = new FigurePanel(dir -> vm.setModel(index, dir));
            panels.add(p);
            grid.add(p, i % 2, i / 2);
        }
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        grid.getColumnConstraints().setAll(half, half);
        grid.setHgap(8);
        grid.setVgap(8);
        ScrollPane scroll = new ScrollPane(grid);
        LessonTarget.mark(regenerate, "figure.regenerate");
        LessonTarget.mark(grid, "figure.panels");
        scroll.setFitToWidth(true);
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        VBox top = new VBox(4, title, seeing, bar, message, status);
        top.setPadding(new Insets(10, 12, 4, 12));
        setTop(top);
        setCenter(scroll);
        BorderPane.setMargin(scroll, new Insets(0, 12, 12, 12));
        VBox.setVgrow(scroll, Priority.ALWAYS);
        vm.versionProperty().addListener(o -> refresh());
        vm.busyProperty().addListener(o -> refresh());
        refresh();
        parentProperty().addListener((o, was, now) -> { // the first time the page shows, it fills itself
            if (now != null && !vm.busyProperty().get() && vm.panels().stream().allMatch(p -> p.report() == null
                    && p.error() == null)) {
                regenerate();
            }
        });
    }

    private void regenerate() {
        try {
            String l = letter.getText().trim().toUpperCase();
            if (l.length() != 1) {
                throw new IllegalArgumentException("the prompt is one letter A..Z, got \"" + letter.getText() + "\"");
            }
            vm.configure(l.charAt(0), Integer.parseInt(groups.getText().trim()), Long.parseLong(seed.getText().trim()));
            message.setText("");
            vm.regenerateAll();
        } catch (NumberFormatException e) {
            message.setText("groups and seed are whole numbers");
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage());
        }
    }

    private void refresh() {
        List<FigurePanelData> data = vm.panels();
        for (int i = 0; i < panels.size(); i++) {
            panels.get(i).show(data.get(i), vm.busyProperty().get());
        }
    }

    private void exportPng() {
        SaveDialog.save(this, "figure-4.png", f -> PngExport.write(grid, f), message::setText);
    }

    private void exportNumbers() {
        SaveDialog.save(this, "figure-4.json", this::writeNumbers, message::setText, "json", "csv");
    }

    /** Writes the numbers as CSV when the name ends in .csv, else as JSON. */
    private void writeNumbers(Path file) throws Exception {
        String text = file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? vm.exportCsv() : vm.exportJson();
        Files.writeString(file, text);
    }

    public FigureViewModel viewModel() {
        return vm;
    }

    List<FigurePanel> panelNodes() {
        return panels;
    }
}
