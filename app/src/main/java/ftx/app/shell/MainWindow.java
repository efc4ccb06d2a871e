package ftx.app.shell;

import ftx.app.AppContext;
import ftx.app.common.Palette;
import ftx.app.figure.FigureView;
import ftx.app.figure.FigureViewModel;
import ftx.app.generate.GenerateView;
import ftx.app.inside.InsideView;
import ftx.app.inspect.InspectView;
import ftx.app.lesson.AppLessonHost;
import ftx.app.lesson.LessonPanel;
import ftx.app.scenario.ScenarioController;
import ftx.app.scenario.ScenarioJson;
import ftx.app.models.ModelsView;
import ftx.app.train.TrainView;
import ftx.app.train.TrainViewModel;
import ftx.app.sweep.SweepView;
import ftx.app.sweep.SweepViewModel;
import ftx.app.welcome.WelcomeView;
import ftx.engine.EngineInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.StatusBar;

/**
 * The application shell: navigation between Train, Inspect, Generate, Figure 4 and Models on the left,
 * the current model and run always visible at the top, the engine's backend in the status bar.
 */
public final class MainWindow extends BorderPane {
    private final Map<String, Node> pages = new LinkedHashMap<>();
    private final ToggleGroup nav = new ToggleGroup();
    private final TrainView train;
    private ToggleButton dark;
    private final ModelsView models;
    private SweepViewModel sweepVm;
    private final LessonPanel lessons;
    private final ToggleButton lessonToggle = new ToggleButton("Lessons");
    private final PresentationMode presentation;
    private final AppContext ctx;
    private final ScenarioController scenarios;
    /** A message for the status bar (a scenario that cannot be opened), until the page changes. */
    private final javafx.beans.property.StringProperty notice = new javafx.beans.property.SimpleStringProperty("");
    /** Holds the page shown, clipped to its share: beside the Lesson panel a wide page is cut, not drawn over it. */
    private final javafx.scene.layout.StackPane pageHost = new javafx.scene.layout.StackPane();

    public MainWindow(AppContext ctx, TrainViewModel trainVm, EngineInfo engine) {
        getStyleClass().add("main-window");
        this.ctx = ctx;
        train = new TrainView(trainVm);
        models = new ModelsView(ctx, entry -> {
            if (trainVm.resumeRun(entry.dir(), 0)) {
                show("Train");
            }
        });
        GenerateView generate = new GenerateView(ctx);
        pages.put("Welcome", new WelcomeView(ctx, m -> {
            show("Generate");
            generate.viewModel().generate();
        }, () -> showLessons(true)));
        pages.put("Train", train);
        InspectView inspect = new InspectView(ctx);
        pages.put("Inspect", inspect);
        ctx.steerRequestProperty().addListener((o, was, r) -> show("Generate")); // Generate acts on it itself
        pages.put("Generate", generate);
        FigureView figure = new FigureView(new FigureViewModel(ctx.sampleModels(), ctx.tasks()));
        pages.put("Figure 4", figure);
        pages.put("Models", models);
        sweepVm = new SweepViewModel(ctx.tasks(), ctx.home().resolve("sweeps"),
                ctx.sampleModels().resolve("phase-diagram"));
        pages.put("Sweep", new SweepView(sweepVm, dir -> ctx.open(new AppContext.ModelRef(dir.getFileName().toString(), dir,
                "a row of a sweep"), m -> show("Generate"), e -> sweepVm.status.set("Cannot open " + dir + ": "
                + e.getMessage()))));
        pages.put("Inside", new InsideView(ctx));
        AppLessonHost host = new AppLessonHost(ctx, new AppLessonHost.Window(this::show, this::currentPage,
                List.copyOf(pages.values()), this::openScenarioFromLesson), trainVm, generate.viewModel(),
                inspect.viewModel(), figure.viewModel(), sweepVm);
        lessons = new LessonPanel(host, ctx.lessons(), ctx.sampleModels());
        scenarios = new ScenarioController(ctx, generate.viewModel(), inspect.viewModel(), lessons, this::show,
                this::currentPage);
        scenarios.messageProperty().addListener((o, was, now) -> notice.set(now.isEmpty() ? "" : now));
        setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && e.getDragboard().getFiles().size() == 1
                    && e.getDragboard().getFiles().get(0).isFile()) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            }
        });
        setOnDragDropped(e -> {
            if (e.getDragboard().hasFiles()) {
                openScenario(e.getDragboard().getFiles().get(0).toPath());
                e.setDropCompleted(true);
            }
        });
        lessons.viewModel().lessonProperty().addListener((o, was, now) -> {
            if (now != null) {
                showLessons(true); // a lesson opened by a scenario or the welcome page shows its panel
            }
        });
        lessonToggle.setTooltip(new Tooltip("Guided lessons beside the page (F1)"));
        lessonToggle.selectedProperty().addListener((o, was, on) -> {
            setRight(on ? lessons : null);
            for (Node page : pages.values()) { // beside the panel, a wide page gives way rather than push it off
                ((Region) page).setMinWidth(on ? 0 : Region.USE_COMPUTED_SIZE);
            }
        });
        javafx.scene.shape.Rectangle clip = new javafx.scene.shape.Rectangle();
        clip.widthProperty().bind(pageHost.widthProperty());
        clip.heightProperty().bind(pageHost.heightProperty());
        pageHost.setClip(clip);
        pageHost.setMinWidth(0);
        pageHost.setAlignment(Pos.TOP_LEFT);
        setCenter(pageHost);
        presentation = new PresentationMode(this, trainVm, pages.values());
        setLeft(navigation());
        setTop(header(ctx, trainVm));
        setBottom(statusBar(engine, trainVm));
        show("Welcome");
    }

    private VBox navigation() {
        VBox box = new VBox(4);
        box.getStyleClass().add("nav");
        box.setPadding(new Insets(12, 8, 12, 8));
        String[] tips = {"What this is, and a one-click demo (Ctrl+0)", "Train a model and watch CE, KL and per-token KL live (Ctrl+1)",
            "See the Z the encoder gives every position of a sequence (Ctrl+2)",
            "Generate with fresh, shared or pinned Z (Ctrl+3)",
            "The paper's Figure 4: four kappa models side by side, what Z carries in each (Ctrl+4)",
            "Sample models and your saved runs (Ctrl+5)",
            "Train a grid of kappa values and seeds, here or on Spark; the phase diagram (Ctrl+6)",
            "Look inside: the model as a diagram, attention, next-symbol probabilities, every code at a position (Ctrl+7)"};
        int i = 0;
        for (String name : pages.keySet()) {
            ToggleButton b = new ToggleButton(name);
            b.setToggleGroup(nav);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setUserData(name);
            b.setTooltip(new Tooltip(tips[i++]));
            b.getStyleClass().add("nav-button");
            box.getChildren().add(b);
        }
        nav.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                nav.selectToggle(was); // one page is always shown
            } else {
                pageHost.getChildren().setAll(pages.get((String) now.getUserData()));
                notice.set("");
                if (now.getUserData().equals("Models")) {
                    models.refresh();
                }
            }
        });
        return box;
    }

    private HBox header(AppContext ctx, TrainViewModel vm) {
        Label app = new Label("Free Transformer Explorer");
        app.getStyleClass().add("app-title");
        Label model = new Label();
        model.textProperty().bind(Bindings.createStringBinding(() -> "Model: " + (ctx.currentModelProperty().get() == null
                ? "none loaded" : ctx.currentModelProperty().get().name()), ctx.currentModelProperty()));
        Label run = new Label();
        run.textProperty().bind(Bindings.createStringBinding(() -> "Run: " + (vm.runDirProperty().get() == null
                ? "none" : vm.runDirProperty().get().getFileName() + (vm.runningProperty().get()
                ? (vm.pausedProperty().get() ? " (paused)" : " (training)") : "")),
                vm.runDirProperty(), vm.runningProperty(), vm.pausedProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        dark = new ToggleButton("Dark");
        dark.setTooltip(new Tooltip("Dark or light theme"));
        dark.selectedProperty().addListener((o, was, on) -> applyTheme(on));
        javafx.scene.control.MenuItem save = new javafx.scene.control.MenuItem("Save scenario...");
        save.setOnAction(e -> {
            java.nio.file.Path f = ftx.app.common.FileDialogs.save(this, "Save the app's state as a scenario",
                    "class" + ScenarioJson.SUFFIX, "json");
            if (f != null && scenarios.save(f)) {
                notice.set("Saved the scenario " + f);
            }
        });
        javafx.scene.control.MenuItem open = new javafx.scene.control.MenuItem("Open scenario...");
        open.setOnAction(e -> {
            java.nio.file.Path f = ftx.app.common.FileDialogs.open(this, "Open a scenario", "json");
            if (f != null) {
                openScenario(f);
            }
        });
        javafx.scene.control.MenuButton scenario = new javafx.scene.control.MenuButton("Scenario", null, save, open);
        scenario.setTooltip(new Tooltip("Save the model, page, settings, pins and lesson step as a file to share; open one "
                + "(or drop it on the window, or ./ftx-app FILE)"));
        HBox h = new HBox(18, app, spacer, model, run, scenario, lessonToggle, dark);
        h.setAlignment(Pos.CENTER_LEFT);
        h.setPadding(new Insets(8, 12, 8, 12));
        h.getStyleClass().add("header");
        return h;
    }

    /** What the status bar says on each page but Train (which shows its run's status, as every page does during a run). */
    static final Map<String, String> PAGE_HINTS = Map.of(
            "Welcome", "Press a button above to load a sample model; Ctrl+0..7 open the pages.",
            "Inspect", "Type or draw a sequence and press Inspect; click a bit cell to flip it, then pin the codes in"
                    + " Generate.",
            "Generate", "Press Generate: each group shares one Z, draws it afresh, or follows pinned codes.",
            "Figure 4", "The paper's four kappa models side by side; hover a sample for its numbers.",
            "Models", "Select a model and press Load; your saved runs are listed with the samples.",
            "Sweep", "Set a grid and press Start, or open a sweep folder; hover or click a dot of the phase diagram.",
            "Inside", "Left/Right move the position t; click a box of the diagram, a map cell or a code of the table.");

    private StatusBar statusBar(EngineInfo engine, TrainViewModel vm) {
        StatusBar bar = new StatusBar();
        bar.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            if (!notice.get().isEmpty()) {
                return notice.get();
            }
            String page = currentPage();
            if (page.equals("Train")) {
                return vm.statusProperty().get();
            }
            return vm.runningProperty().get() ? vm.statusProperty().get() : PAGE_HINTS.getOrDefault(page, "");
        }, nav.selectedToggleProperty(), vm.statusProperty(), vm.runningProperty(), notice));
        Label backend = new Label("Engine: " + engine.summary());
        vm.runningProperty().addListener((o, was, running) -> { // the training threads are set per run
            if (running && !engine.onGpu()) {
                backend.setText("Engine: " + EngineInfo.current().summary());
            }
        });
        backend.setTooltip(new Tooltip(engine.fallbackMessage() != null ? engine.fallbackMessage()
                : "Where the model runs. CPU by default; an NVIDIA GPU with the CUDA build (README, GPU)."));
        bar.getRightItems().add(backend);
        return bar;
    }

    /** Selects the dark or the light theme (the header's toggle does the same). */
    public void setDark(boolean on) {
        dark.setSelected(on);
        applyTheme(on);
    }

    private void applyTheme(boolean on) {
        Palette.setDark(on);
        if (getScene() == null) {
            return;
        }
        String css = MainWindow.class.getResource("/ftx/app/dark.css").toExternalForm();
        getScene().getStylesheets().remove(css);
        if (on) {
            getScene().getStylesheets().add(css);
        }
    }

    /** Shows a page by name (Train, Inspect, Generate, Models). */
    public void show(String name) {
        nav.getToggles().stream().filter(t -> t.getUserData().equals(name)).findFirst().ifPresent(nav::selectToggle);
    }

    /** Keyboard shortcuts for the run buttons and the pages. */
    public void installShortcuts(Scene scene, TrainViewModel vm) {
        var acc = scene.getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), vm::start);
        acc.put(new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN), vm::pause);
        acc.put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), vm::stepOnce);
        acc.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), vm::save);
        acc.put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), vm::stop);
        acc.put(new KeyCodeCombination(KeyCode.F1), () -> showLessons(!lessonToggle.isSelected()));
        presentation.install(scene);
        String[] names = pages.keySet().toArray(new String[0]);
        KeyCode[] digits = {KeyCode.DIGIT0, KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5, KeyCode.DIGIT6,
            KeyCode.DIGIT7};
        for (int i = 0; i < names.length; i++) {
            String n = names[i];
            acc.put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN), () -> show(n));
        }
    }

    public AppContext context() {
        return ctx;
    }

    /** A page by name (tests and the lesson host reach its view-model through it). */
    public Node page(String name) {
        return pages.get(name);
    }

    /** The name of the page shown. */
    public String currentPage() {
        return nav.getSelectedToggle() == null ? "Welcome" : (String) nav.getSelectedToggle().getUserData();
    }

    /** The Lesson panel, shown beside the page. */
    public LessonPanel lessonPanel() {
        return lessons;
    }

    /** Opens a scenario file; a file that cannot be opened changes nothing and the status bar says why. */
    public void openScenario(java.nio.file.Path file) {
        String problem = scenarios.open(file);
        notice.set(problem == null ? "Opening the scenario " + file.getFileName() + "..." : "Cannot open the scenario: " + problem);
    }

    private String openScenarioFromLesson(java.nio.file.Path file) {
        return scenarios.open(file);
    }

    public ScenarioController scenarios() {
        return scenarios;
    }

    /** Enters or leaves presentation mode (F5). */
    public void setPresenting(boolean on) {
        presentation.set(on);
    }

    public boolean isPresenting() {
        return presentation.onProperty().get();
    }

    /** Shows or hides the Lesson panel. */
    public void showLessons(boolean on) {
        lessonToggle.setSelected(on);
    }

    /** The Sweep page's state (the window's close asks while a sweep runs). */
    public SweepViewModel sweepViewModel() {
        return sweepVm;
    }

    public TrainView trainView() {
        return train;
    }
}
