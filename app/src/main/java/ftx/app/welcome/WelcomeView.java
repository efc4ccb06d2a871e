package ftx.app.welcome;

import ftx.app.common.LessonTarget;
import ftx.app.AppContext;
import ftx.app.inside.ModelDiagram;
import ftx.engine.ModelHandle;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The first page: two sentences on what Z is, and one click that loads a bundled sample model
 * and shows a Figure-4 style generation (samples sharing one Z against samples with fresh Z).
 */
public final class WelcomeView extends VBox {
    /** The sample model the one-click demo loads (kappa = 1 bit: Z visibly carries the block position). */
    public static final String DEMO_MODEL = "synthetic-kappa-1-bit";
    /** The second demo: movie reviews whose sentiment Z decides before any word shows it. */
    public static final String REVIEWS_MODEL = "reviews-kappa-1-8-bit";
    final Button tryIt = new Button("Load a sample model and generate (Figure 4)");
    final Button tryReviews = new Button("Movie reviews: does Z decide the sentiment?");
    private final Label message = new Label();

    /** onLoaded runs on the FX thread once the demo model is the loaded model. */
    public WelcomeView(AppContext ctx, Consumer<ModelHandle> onLoaded, Runnable onLessons) {
        LessonTarget.mark(tryIt, "welcome.demo");
        LessonTarget.mark(tryReviews, "welcome.reviews");
        WelcomeViewModel vm = new WelcomeViewModel(ctx);
        Label title = new Label("Free Transformer Explorer");
        title.getStyleClass().add("view-title");
        Label what = new Label("A Free Transformer (Fleuret, 2025) draws a small random code Z at every token, H bits, and "
                + "feeds it halfway up the network, so the model can make an explicit decision such as \"the block of "
                + "letters starts at position 17\" and then follow it. Here you can see which code it picks for each "
                + "token, and change the code to see what it controls.");
        what.setWrapText(true);
        what.setMaxWidth(620);
        Label how = new Label("The first button loads a model trained on the paper's synthetic task (a block of 8 letters "
                + "at a random place, plus noise) and generates groups of sequences: samples that share one Z put their "
                + "block in the same place several times as often as samples with fresh Z; the page counts how often. "
                + "The second loads a model of short movie reviews, whose sentiment is decided before any word shows it: "
                + "reviews that share one Z mostly agree on good or bad, reviews with fresh Z agree only by chance.");
        how.setWrapText(true);
        how.setMaxWidth(620);
        how.getStyleClass().add("help-text");
        tryIt.getStyleClass().add("accent");
        demo(vm, tryIt, DEMO_MODEL, "sample, kappa = 1 bit", onLoaded);
        demo(vm, tryReviews, REVIEWS_MODEL, "sample reviews model, kappa = 1/8 bit", onLoaded);
        message.textProperty().bind(vm.messageProperty());
        vm.checkSamples(DEMO_MODEL);
        message.getStyleClass().add("error-text");
        message.setWrapText(true);
        Label next = new Label("Then: Inspect (Ctrl+2) shows the code the encoder gives each position of a sequence and "
                + "what each bit of Z says; Train (Ctrl+R on the Train page) trains your own model and shows CE, KL and, "
                + "as it learns, what Z decides; Figure 4 (Ctrl+4) puts the paper's four kappa models side by side; Models "
                + "lists the sample models and your runs; Sweep (Ctrl+6) trains a grid of kappa values and seeds and draws"
                + " what Z carries along the kappa axis; Inside (Ctrl+7) shows the model pictured here live: attention, the"
                + " next-symbol probabilities with and without Z, and what every code at a position makes it write.");
        next.setWrapText(true);
        next.setMaxWidth(760);
        next.getStyleClass().add("help-text");
        ModelDiagram diagram = new ModelDiagram(true, null);
        Label caption = new Label("Where Z comes from and where it goes");
        caption.getStyleClass().add("section-title");
        VBox picture = new VBox(6, caption, diagram);
        VBox words = new VBox(16, what, how);
        HBox.setHgrow(words, Priority.ALWAYS);
        Button lessons = new Button("Guided lessons (F1): what does a latent variable decide?");
        lessons.setTooltip(new Tooltip("Two 12-minute lessons that walk you through the live app, one control at a time, "
                + "and ask you to predict before they show the result. F5 presents them full screen for a class."));
        lessons.setOnAction(e -> onLessons.run());
        LessonTarget.mark(lessons, "welcome.lessons");
        getChildren().addAll(title, new HBox(24, words, picture), new HBox(12, tryIt, tryReviews, lessons), message, next);
        setSpacing(16);
        setPadding(new Insets(32));
    }

    /** Wires a button that loads a bundled model and hands it to onLoaded (disabled when the model is missing or one loads). */
    private static void demo(WelcomeViewModel vm, Button button, String name, String description,
                             Consumer<ModelHandle> onLoaded) {
        if (vm.available(name)) {
            button.disableProperty().bind(vm.busyProperty());
        } else {
            button.setDisable(true);
        }
        button.setOnAction(e -> vm.open(name, description, onLoaded));
    }
}
