package ftx.app.scenario;

import ftx.app.AppContext;
import ftx.app.generate.GenerateViewModel;
import ftx.app.generate.GenerationOutcome;
import ftx.app.inspect.InspectViewModel;
import ftx.app.lesson.LessonPanel;
import ftx.engine.ModelHandle;
import ftx.engine.lesson.LessonFormatException;
import ftx.engine.lesson.LessonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;

/**
 * Saves the app's state as a scenario and opens one: the model, then Generate's settings and pins
 * (and what it showed, generated again with the same seed: the same samples), Inspect's sequence
 * and flipped bits, the page, the lesson step. A file that cannot be opened changes nothing.
 */
public final class ScenarioController {
    private final AppContext ctx;
    private final GenerateViewModel generate;
    private final InspectViewModel inspect;
    private final LessonPanel lessons;
    private final Consumer<String> showPage;
    private final Supplier<String> page;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public ScenarioController(AppContext ctx, GenerateViewModel generate, InspectViewModel inspect, LessonPanel lessons,
                              Consumer<String> showPage, Supplier<String> page) {
        this.ctx = ctx;
        this.generate = generate;
        this.inspect = inspect;
        this.lessons = lessons;
        this.showPage = showPage;
        this.page = page;
    }

    /** What the last save or open said ("" when it went through). */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The state now, as a scenario. */
    public Scenario capture() throws ScenarioException {
        AppContext.ModelRef ref = ctx.currentModelProperty().get();
        if (ref == null || ctx.loadedModelProperty().get() == null) {
            throw new ScenarioException("Load a model first: a scenario starts from one.");
        }
        Path dir = ref.dir().toAbsolutePath().normalize();
        boolean bundled = dir.getParent() != null && dir.getParent().equals(ctx.sampleModels().toAbsolutePath().normalize());
        var s = generate.settings();
        GenerationOutcome o = generate.outcomeProperty().get();
        String shown = o == null ? "none" : o.kind() == GenerationOutcome.Kind.BIT_PAIR ? "bit-pair" : "figure4";
        Scenario.Generate g = new Scenario.Generate(s.prompt(), s.temperature(), s.seed(), s.groups(), s.samplesPerGroup(),
                s.newSymbols(), generate.pinnedZProperty().get() == null ? "" : generate.pinnedZProperty().get(),
                generate.bitProperty().get(), shown);
        Scenario.Inspect i = new Scenario.Inspect(inspect.textProperty().get(), inspect.seedProperty().get(),
                inspect.mostLikelyProperty().get(), Map.copyOf(inspect.edits()));
        Path lessonFile = lessons.viewModel().file();
        Scenario.LessonStep l = null;
        if (lessonFile != null) {
            Path bundledLessons = ctx.lessons().toAbsolutePath().normalize();
            String name = lessonFile.getParent().normalize().equals(bundledLessons) ? lessonFile.getFileName().toString()
                    : lessonFile.toString();
            l = new Scenario.LessonStep(name, lessons.viewModel().indexProperty().get());
        }
        return new Scenario(bundled ? dir.getFileName().toString() : dir.toString(), bundled, page.get(), g, i, l);
    }

    /** Saves the state now to file; false (with the reason in the message) when it cannot. */
    public boolean save(Path file) {
        try {
            ScenarioJson.write(capture(), file);
            message.set("");
            return true;
        } catch (ScenarioException | IOException e) {
            message.set("Cannot save the scenario: " + e.getMessage());
            return false;
        }
    }

    /**
     * Opens a scenario; null when it is being applied (the model loads in the background), else why
     * it cannot be opened, with nothing changed.
     */
    public String open(Path file) {
        Scenario s;
        Path modelDir;
        Path lessonFile = null;
        try {
            s = ScenarioJson.read(file);
            modelDir = s.bundled() ? ctx.sampleModels().resolve(s.model()) : Path.of(s.model());
            if (!Files.isRegularFile(modelDir.resolve("config.json"))) {
                throw new ScenarioException("The scenario's model \"" + s.model() + "\" is not on this machine (no "
                        + modelDir.resolve("config.json") + ")");
            }
            if (s.lesson() != null) {
                lessonFile = lessonFile(s.lesson().file(), file);
                int steps = LessonParser.read(lessonFile, LessonParser.Resolver.ANY).steps().size();
                if (s.lesson().step() >= steps) {
                    throw new ScenarioException("The scenario's lesson step " + (s.lesson().step() + 1) + " is past the end of "
                            + lessonFile.getFileName() + " (" + steps + " steps)");
                }
            }
        } catch (ScenarioException e) {
            return fail(e.getMessage());
        } catch (LessonFormatException | IOException e) {
            return fail("The scenario's lesson cannot be played: " + e.getMessage());
        }
        Path lesson = lessonFile;
        message.set("");
        ctx.open(new AppContext.ModelRef(modelDir.getFileName().toString(), modelDir, "from a scenario"),
                m -> apply(s, m, lesson), e -> fail("Cannot load the scenario's model: " + e.getMessage()));
        return null;
    }

    /** A bundled lesson by file name, one beside the scenario, or an absolute path. */
    private Path lessonFile(String name, Path scenario) throws ScenarioException {
        Path given = Path.of(name);
        Path[] candidates = given.isAbsolute() ? new Path[] {given}
                : new Path[] {ctx.lessons().resolve(name), scenario.toAbsolutePath().getParent().resolve(name)};
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ScenarioException("The scenario's lesson \"" + name + "\" is not on this machine");
    }

    private void apply(Scenario s, ModelHandle m, Path lessonFile) {
        if (s.inspect() != null) {
            inspect.textProperty().set(s.inspect().text());
            inspect.seedProperty().set(s.inspect().seed());
            inspect.mostLikelyProperty().set(s.inspect().mostLikely());
            if (!s.inspect().text().isEmpty() && m.canRead(s.inspect().text())) {
                reapplyEditsOnResult(s.inspect().edits());
                inspect.inspect(m);
            }
        }
        if (s.generate() != null) {
            Scenario.Generate g = s.generate();
            generate.promptProperty().set(g.prompt());
            generate.temperatureProperty().set(g.temperature());
            generate.seedProperty().set((int) Math.min(Integer.MAX_VALUE, g.seed()));
            generate.groupsProperty().set(g.groups());
            generate.samplesPerGroupProperty().set(g.samplesPerGroup());
            generate.newSymbolsProperty().set(g.newSymbols());
            generate.pinnedZProperty().set(g.pins());
            generate.bitProperty().set(Math.min(g.bit(), Math.max(0, m.latentBits() - 1)));
            switch (g.shown()) {
                case "figure4" -> generate.generate();
                case "bit-pair" -> generate.explainBit();
                default -> { }
            }
        }
        if (lessonFile != null && lessons.open(lessonFile)) {
            lessons.viewModel().goTo(s.lesson().step());
        }
        showPage.accept(s.page());
    }

    private void reapplyEditsOnResult(Map<Integer, Integer> edits) {
        if (edits.isEmpty()) {
            return;
        }
        ChangeListener<Object> once = new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<?> o, Object was, Object now) {
                if (now != null) {
                    inspect.resultProperty().removeListener(this);
                    inspect.edits().putAll(edits);
                }
            }
        };
        inspect.resultProperty().addListener(once);
    }

    private String fail(String why) {
        message.set(why);
        return why;
    }
}
