package ftx.app.lesson;

import ftx.app.common.FileDialogs;
import ftx.app.common.LessonTarget;
import ftx.app.common.Palette;
import ftx.engine.lesson.Lesson;
import ftx.engine.lesson.LessonFormatException;
import ftx.engine.lesson.LessonParser;
import ftx.engine.lesson.LessonStep;
import ftx.engine.lesson.LessonVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;

/**
 * The Lesson panel beside any page: one step at a time, its text with formulas and live numbers,
 * the control it is about outlined on the page, its question asked before its result shows, and
 * Next unlocked when the app's state says the step is done.
 */
public final class LessonPanel extends VBox {
    private final LessonViewModel vm;
    private final LessonHost host;
    private final Path lessonsFolder;
    private final Path sampleModels;
    private final DoubleProperty fontSize = new SimpleDoubleProperty(14);
    private final Label title = new Label();
    private final Label counter = new Label();
    private final VBox content = new VBox(10);
    private final ScrollPane scroll = new ScrollPane();
    /** What the learner acts on, always in view below the text: the question, Do it, the check. */
    private final VBox interaction = new VBox(8);
    private final Button back = new Button("Back");
    private final Button next = new Button("Next");
    private final Label problems = new Label();
    private final Button doIt = new Button();
    private Node questionBox;
    private String questionKey = "";
    private Node highlighted;
    private String shownText = "";
    /** The step's text and its reveal, redrawn alone when a live number changes (the buttons stay). */
    private final VBox textBox = new VBox();
    private final VBox revealBox = new VBox();

    public LessonPanel(LessonHost host, Path lessonsFolder, Path sampleModels) {
        this.host = host;
        this.vm = new LessonViewModel(host);
        this.lessonsFolder = lessonsFolder;
        this.sampleModels = sampleModels;
        getStyleClass().add("lesson-panel");
        setPadding(new Insets(10));
        setSpacing(8);
        setPrefWidth(380);
        setMinWidth(300);
        title.getStyleClass().add("lesson-title");
        title.setWrapText(true);
        counter.getStyleClass().add("help-text");
        scroll.setContent(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("lesson-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        back.setOnAction(e -> vm.back());
        next.setOnAction(e -> vm.next());
        next.getStyleClass().add("accent");
        back.setTooltip(new Tooltip("The step before (Page Up)"));
        next.setTooltip(new Tooltip("The next step, once this one is done (Page Down)"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox nav = new HBox(8, back, spacer, counter, next);
        nav.setAlignment(Pos.CENTER_LEFT);
        doIt.getStyleClass().add("lesson-do");
        doIt.setWrapText(true);
        doIt.setOnAction(e -> vm.act());
        problems.setWrapText(true);
        problems.getStyleClass().add("error-text");
        interaction.getStyleClass().add("lesson-interaction");
        getChildren().setAll(title, scroll, interaction, nav);
        vm.indexProperty().addListener(o -> refresh());
        vm.answerProperty().addListener(o -> refresh());
        vm.doneProperty().addListener(o -> refresh());
        vm.messageProperty().addListener(o -> refresh());
        fontSize.addListener(o -> refresh());
        Timeline poll = new Timeline(new KeyFrame(Duration.millis(300), e -> poll()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
        refresh();
    }

    LessonHost host() {
        return host;
    }

    public LessonViewModel viewModel() {
        return vm;
    }

    /** The text size; presentation mode makes it larger. */
    public DoubleProperty fontSizeProperty() {
        return fontSize;
    }

    /** Opens a lesson file; a file that is not a playable lesson opens nothing and its problems show. */
    public boolean open(Path file) {
        try {
            Lesson l = LessonParser.read(file, LessonParser.Resolver.files(sampleModels, file.toAbsolutePath().getParent()));
            problems.setText("");
            vm.open(l, file);
            return true;
        } catch (LessonFormatException e) {
            problems.setText("This lesson cannot be played:\n" + String.join("\n", e.problems().stream()
                    .map(p -> "line " + p.line() + ": " + p.message()).toList()));
        } catch (IOException e) {
            problems.setText("Cannot read " + file + ": " + e.getMessage());
        }
        vm.close();
        refresh();
        return false;
    }

    /** The bundled lessons, by file name. */
    public List<Path> bundledLessons() {
        try (Stream<Path> s = Files.list(lessonsFolder)) {
            return s.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md"))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void poll() {
        if (vm.step() == null) {
            return;
        }
        boolean was = vm.doneProperty().get();
        vm.poll();
        if (was == vm.doneProperty().get() && !filledText().equals(shownText)) {
            fillText(); // a live number changed
        }
    }

    private String filledText() {
        LessonStep s = vm.step();
        if (s == null) {
            return "";
        }
        String reveal = s.predict() == null ? "" : s.predict().reveal();
        return LessonParser.fill(s.text() + "\u0000" + reveal, host::value);
    }

    private void refresh() {
        LessonStep s = vm.step();
        content.getChildren().clear();
        interaction.getChildren().clear();
        Color ink = Palette.text();
        double size = fontSize.get();
        if (s == null) {
            title.setText("Lessons");
            counter.setText("");
            back.setDisable(true);
            next.setDisable(true);
            chooser();
            highlight(null);
            return;
        }
        Lesson l = vm.lessonProperty().get();
        title.setText(l.title());
        title.setStyle("-fx-font-size: " + size * 1.15 + "px;");
        counter.setText("Step " + (vm.indexProperty().get() + 1) + " of " + l.steps().size());
        Label heading = new Label(s.title());
        heading.getStyleClass().add("lesson-step-title");
        heading.setStyle("-fx-font-size: " + size * 1.3 + "px;");
        heading.setWrapText(true);
        content.getChildren().add(heading);
        if (vm.indexProperty().get() == 0 && !l.introduction().isEmpty()) {
            VBox intro = StepText.render(LessonParser.fill(l.introduction(), host::value), size, ink, textWidth());
            intro.getStyleClass().add("lesson-intro");
            content.getChildren().add(intro);
        }
        content.getChildren().add(textBox);
        if (s.predict() != null) {
            String key = vm.indexProperty().get() + "/" + vm.answerProperty().get() + "/" + vm.revealed() + "/" + size;
            if (!key.equals(questionKey)) { // rebuilt only when it changes, so an option is never pulled from under the pointer
                questionKey = key;
                questionBox = question(s.predict(), size, ink);
            }
            interaction.getChildren().add(questionBox);
        }
        if (s.action() != null && !vm.awaitingAnswer()) {
            doIt.setText("Do it: " + describe(s.action())); // one button for every step: a refresh never pulls it
            doIt.setStyle("-fx-font-size: " + size + "px;"); // from under the pointer
            interaction.getChildren().add(doIt);
        }
        if (!vm.messageProperty().get().isEmpty()) {
            Label m = new Label(vm.messageProperty().get());
            m.getStyleClass().add("error-text");
            m.setWrapText(true);
            interaction.getChildren().add(m);
        }
        if (s.check() != null && !vm.awaitingAnswer()) {
            Label status = new Label(vm.doneProperty().get() ? "\u2714 Done: press Next" : "Waiting for: " + waitingFor(s.check()));
            status.getStyleClass().add(vm.doneProperty().get() ? "lesson-done" : "lesson-waiting");
            status.setStyle("-fx-font-size: " + size + "px;");
            status.setWrapText(true);
            interaction.getChildren().add(status);
        }
        if (vm.revealed() && !s.predict().reveal().isBlank()) {
            revealBox.getStyleClass().setAll("lesson-reveal");
            content.getChildren().add(revealBox);
            javafx.application.Platform.runLater(() -> scroll.setVvalue(1)); // the reveal is the news
        }
        fillText();
        back.setDisable(vm.indexProperty().get() == 0);
        next.setDisable(!vm.canGoOn() || vm.isLast());
        next.setText(vm.isLast() ? "End" : "Next");
        highlight(s.highlight() != null && !vm.awaitingAnswer() ? host.control(s.highlight()) : null);
    }

    /** Draws the step's text and reveal with the current live numbers. */
    private void fillText() {
        shownText = filledText();
        String[] parts = shownText.split("\u0000", -1);
        Color ink = Palette.text();
        textBox.getChildren().setAll(StepText.render(parts[0], fontSize.get(), ink, textWidth()));
        revealBox.getChildren().setAll(StepText.render(parts.length > 1 ? parts[1] : "", fontSize.get(), ink, textWidth()));
    }

    /** The width text may take in the panel: the scroll pane's viewport less a margin. */
    private javafx.beans.binding.DoubleBinding textWidth() {
        return javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(100, scroll.getViewportBounds().getWidth() - 24), scroll.viewportBoundsProperty());
    }

    private Node question(LessonStep.Prediction p, double size, Color ink) {
        VBox box = new VBox(6);
        box.getStyleClass().add("lesson-question");
        Label q = new Label("Predict: " + p.question());
        q.setWrapText(true);
        q.setStyle("-fx-font-size: " + size + "px; -fx-font-weight: bold;");
        box.getChildren().add(q);
        int answered = vm.answerProperty().get();
        for (int i = 0; i < p.options().size(); i++) {
            int option = i;
            ToggleButton b = new ToggleButton((answered == i ? "\u2714 " : "") + p.options().get(i));
            b.setUserData(p.options().get(i));
            b.setWrapText(true);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setStyle("-fx-font-size: " + size + "px;");
            b.setSelected(answered == i);
            b.getStyleClass().add("lesson-option");
            if (answered >= 0) { // the answer stays readable, the others fade; none can be changed
                b.setMouseTransparent(true);
                b.setFocusTraversable(false);
                b.setOpacity(answered == i ? 1 : 0.45);
            }
            b.setOnAction(e -> vm.answer(option));
            box.getChildren().add(b);
        }
        if (answered < 0) {
            Label hint = new Label("Answer first: the page shows the result once you have.");
            hint.getStyleClass().add("help-text");
            hint.setWrapText(true);
            box.getChildren().add(hint);
        } else if (vm.revealed() && p.expected() >= 0) {
            Label verdict = new Label(answered == p.expected() ? "You predicted it." : "Not what you predicted: the step "
                    + "expected \"" + p.options().get(p.expected()) + "\".");
            verdict.setWrapText(true);
            verdict.getStyleClass().add(answered == p.expected() ? "lesson-done" : "lesson-waiting");
            box.getChildren().add(verdict);
        }
        return box;
    }

    private void chooser() {
        Label intro = new Label("Lessons guide you through the live app: each step points at the control to use, asks "
                + "you to predict before it shows a result, and unlocks Next when the app says the step is done.");
        intro.setWrapText(true);
        content.getChildren().add(intro);
        for (Path p : bundledLessons()) {
            String name = lessonTitle(p);
            Button b = new Button(name);
            b.setWrapText(true);
            b.setMaxWidth(Double.MAX_VALUE);
            b.getStyleClass().add("lesson-choice");
            b.setOnAction(e -> open(p));
            content.getChildren().add(b);
        }
        Button file = new Button("Open lesson file...");
        file.setOnAction(e -> {
            Path f = FileDialogs.open(this, "Open a lesson (Markdown)", "md");
            if (f != null) {
                open(f);
            }
        });
        content.getChildren().addAll(file, problems);
    }

    private static String lessonTitle(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith("# ")).findFirst().map(l -> l.substring(2).trim())
                    .orElse(file.getFileName().toString());
        } catch (IOException | java.io.UncheckedIOException e) {
            return file.getFileName().toString();
        }
    }

    private void highlight(Node n) {
        if (highlighted != null) {
            highlighted.getStyleClass().remove(LessonTarget.STYLE);
        }
        highlighted = n;
        if (n != null && !n.getStyleClass().contains(LessonTarget.STYLE)) {
            n.getStyleClass().add(LessonTarget.STYLE);
        }
    }

    /** The action in words, from the vocabulary's meaning. */
    static String describe(LessonStep.Directive d) {
        return switch (d.word()) {
            case "load-model" -> "load " + d.argument();
            case "show-page" -> "show " + d.argument();
            case "generate" -> "press Generate";
            case "inspect" -> "draw a task sample and inspect it";
            case "pin" -> d.argument().equals("inspected") ? "pin the codes Inspect read" : "pin " + d.argument();
            case "explain-bit" -> "force bit " + d.argument() + " to 0 and to 1";
            case "draw-figure" -> "draw the four panels";
            case "open-sweep" -> "open the sweep " + d.argument();
            case "choose-preset" -> "choose the preset " + d.argument();
            case "start-training" -> "start training";
            case "open-scenario" -> "open " + d.argument();
            default -> d.word();
        };
    }

    private static String waitingFor(LessonStep.Directive check) {
        String meaning = LessonVocabulary.CHECKS.get(check.word());
        String what = meaning.substring(meaning.indexOf(':') + 1).trim();
        return check.argument().isEmpty() ? what : what.replace("NAME", check.argument()).replace("PAGE", check.argument())
                .replace("bit H", "bit " + check.argument());
    }
}
