package ftx.app.welcome;

import ftx.app.AppContext;
import ftx.app.common.Background;
import ftx.engine.ModelHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The first page: two sentences on what Z is, and one click that loads a bundled sample model
 * and shows a Figure-4 style generation (samples sharing one Z against samples with fresh Z).
 */
public final class WelcomeView extends VBox {
    /** The sample model the one-click demo loads (kappa = 1 bit: Z visibly carries the block position). */
    public static final String DEMO_MODEL = "synthetic-kappa-1-bit";
    final Button tryIt = new Button("Load a sample model and generate (Figure 4)");
    private final Label message = new Label();

    /** onLoaded runs on the FX thread once the demo model is the loaded model. */
    public WelcomeView(AppContext ctx, Consumer<ModelHandle> onLoaded) {
        Label title = new Label("Free Transformer Explorer");
        title.getStyleClass().add("view-title");
        Label what = new Label("A Free Transformer (Fleuret, 2025) draws a small random code Z at every token, H bits, and "
                + "feeds it halfway up the network, so the model can make an explicit decision such as \"the block of "
                + "letters starts at position 17\" and then follow it. Here you can see which code it picks for each "
                + "token, and change the code to see what it controls.");
        what.setWrapText(true);
        what.setMaxWidth(760);
        Label how = new Label("The button loads a model trained on the paper's synthetic task (a block of 8 letters at a "
                + "random place, plus noise) and generates groups of sequences: samples that share one Z put their block "
                + "in the same place several times as often as samples with fresh Z; the page counts how often.");
        how.setWrapText(true);
        how.setMaxWidth(760);
        how.getStyleClass().add("help-text");
        tryIt.getStyleClass().add("accent");
        Path demo = ctx.sampleModels().resolve(DEMO_MODEL);
        tryIt.setDisable(!Files.isDirectory(demo));
        if (tryIt.isDisabled()) {
            message.setText("The bundled sample models were not found (looked in " + ctx.sampleModels().toAbsolutePath()
                    + "). Train one on the Train page, or open a checkpoint on the Models page.");
        }
        tryIt.setOnAction(e -> {
            tryIt.setDisable(true);
            message.setText("Loading " + DEMO_MODEL + "...");
            Background.run(() -> ModelHandle.open(demo), m -> {
                ctx.setLoaded(new AppContext.ModelRef(DEMO_MODEL, demo, "sample, kappa = 1 bit"), m);
                message.setText("");
                tryIt.setDisable(false);
                onLoaded.accept(m);
            }, err -> {
                tryIt.setDisable(false);
                message.setText("Cannot load the sample model: " + err.getMessage());
            });
        });
        message.getStyleClass().add("error-text");
        message.setWrapText(true);
        Label next = new Label("Then: Inspect (Ctrl+2) shows the code the encoder gives each position of a sequence; "
                + "Train (Ctrl+R on the Train page) trains your own model and shows CE, KL and per-token KL live; Models "
                + "lists the sample models and your runs.");
        next.setWrapText(true);
        next.setMaxWidth(760);
        next.getStyleClass().add("help-text");
        getChildren().addAll(title, what, how, tryIt, message, next);
        setSpacing(16);
        setPadding(new Insets(32));
    }
}
