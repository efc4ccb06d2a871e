package ftx.app.lesson;

import ftx.app.AppContext;
import ftx.app.common.LessonTarget;
import ftx.app.figure.FigureViewModel;
import ftx.app.generate.GenerateViewModel;
import ftx.app.generate.GenerationOutcome;
import ftx.app.inspect.InspectResult;
import ftx.app.inspect.InspectViewModel;
import ftx.app.sweep.SweepViewModel;
import ftx.app.train.TrainViewModel;
import ftx.engine.ModelHandle;
import ftx.engine.analysis.PositionCode;
import ftx.engine.lesson.LessonStep;
import ftx.engine.sweep.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.collections.MapChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;

/**
 * The lesson vocabulary on the live app: actions press the real controls (or call what they call),
 * checks and values read the pages' view-models, and events are counted as they happen.
 */
public final class AppLessonHost implements LessonHost {
    /** What the host needs from the window. */
    public record Window(Consumer<String> show, Supplier<String> page, List<Node> pages,
                         Function<Path, String> openScenario) {
    }

    private final AppContext ctx;
    private final Window window;
    private final TrainViewModel train;
    private final GenerateViewModel generate;
    private final InspectViewModel inspect;
    private final FigureViewModel figure;
    private final SweepViewModel sweep;
    private int generations;
    private int pinned;
    private final List<Integer> forced = new ArrayList<>();
    private int inspections;
    private int flips;

    public AppLessonHost(AppContext ctx, Window window, TrainViewModel train, GenerateViewModel generate,
                         InspectViewModel inspect, FigureViewModel figure, SweepViewModel sweep) {
        this.ctx = ctx;
        this.window = window;
        this.train = train;
        this.generate = generate;
        this.inspect = inspect;
        this.figure = figure;
        this.sweep = sweep;
        generate.outcomeProperty().addListener((o, was, now) -> count(now));
        inspect.resultProperty().addListener((o, was, now) -> inspections += now == null ? 0 : 1);
        inspect.edits().addListener((MapChangeListener<Integer, Integer>) c -> flips++);
    }

    private void count(GenerationOutcome o) {
        if (o == null) {
            return;
        }
        if (o.kind() == GenerationOutcome.Kind.BIT_PAIR) {
            forced.add(o.bit());
        } else {
            generations++;
            if (java.util.Arrays.stream(o.pins()).anyMatch(z -> z >= 0)) {
                pinned++;
            }
        }
    }

    @Override
    public void showPage(String page) {
        window.show().accept(page);
    }

    @Override
    public Node control(String name) {
        for (Node page : window.pages()) {
            Node n = LessonTarget.find(page, name);
            if (n != null) {
                return n;
            }
        }
        return null;
    }

    @Override
    public String perform(LessonStep.Directive action, Path lessonFolder) {
        String arg = action.argument();
        switch (action.word()) {
            case "load-model" -> {
                Path dir = ctx.sampleModels().resolve(arg);
                ctx.open(new AppContext.ModelRef(arg, dir, "bundled model"), m -> { }, e ->
                        generate.showError("Cannot load " + dir + ": " + e.getMessage()));
                return null;
            }
            case "show-page" -> {
                showPage(arg);
                return null;
            }
            case "generate" -> {
                return needsModel(() -> press("generate.generate"));
            }
            case "inspect" -> {
                return needsModel(() -> press("inspect.sample"));
            }
            case "pin" -> {
                if (!arg.equals("inspected")) {
                    generate.pinnedZProperty().set(arg);
                    return needsModel(() -> press("generate.generate"));
                }
                if (inspect.resultProperty().get() == null) {
                    return "Inspect a sequence first: its codes are what gets pinned.";
                }
                return press("inspect.pin");
            }
            case "explain-bit" -> {
                return needsModel(() -> {
                    ctx.requestBitExplained(Integer.parseInt(arg));
                    return null;
                });
            }
            case "draw-figure" -> {
                return figure.busyProperty().get() ? null : press("figure.regenerate"); // busy: drawing already
            }
            case "open-sweep" -> {
                sweep.open(ctx.sampleModels().resolve(arg));
                showPage("Sweep");
                return null;
            }
            case "choose-preset" -> {
                return choosePreset(arg);
            }
            case "start-training" -> {
                return train.start() ? null : train.errorProperty().get();
            }
            case "open-scenario" -> {
                return window.openScenario().apply(lessonFolder.resolve(arg));
            }
            default -> {
                return "this app does not know the action " + action.word();
            }
        }
    }

    private String needsModel(Supplier<String> then) {
        return ctx.loadedModelProperty().get() == null ? "Load a model first (the step before, or the Models page)."
                : then.get();
    }

    private String press(String control) {
        Node n = control(control);
        if (!(n instanceof ButtonBase b)) {
            return "no control " + control + " in this window";
        }
        if (b.isDisabled()) {
            return "\"" + b.getText() + "\" cannot be pressed now";
        }
        b.fire();
        return null;
    }

    @SuppressWarnings("unchecked")
    private String choosePreset(String name) {
        if (!(control("train.preset") instanceof ComboBox<?> box)) {
            return "no preset chooser in this window";
        }
        for (Object item : box.getItems()) {
            if (item.toString().startsWith(name)) {
                ((ComboBox<Object>) box).setValue(item);
                showPage("Train");
                return null;
            }
        }
        return "no preset whose name starts with \"" + name + "\"";
    }

    @Override
    public boolean holds(LessonStep.Directive check, Marks since) {
        Marks now = marks();
        Marks s = since == null ? new Marks(0, 0, 0, 0, 0) : since;
        String arg = check.argument();
        return switch (check.word()) {
            case "model-loaded" -> ctx.loadedModelProperty().get() != null && ctx.currentModelProperty().get() != null
                    && ctx.currentModelProperty().get().dir().getFileName().toString().equals(arg);
            case "page-shown" -> arg.equals(window.page().get());
            case "generated" -> now.generations() > s.generations();
            case "pinned" -> now.pinnedGenerations() > s.pinnedGenerations();
            case "bit-forced" -> forced.subList(s.forcedBits(), forced.size()).contains(Integer.parseInt(arg));
            case "inspected" -> now.inspections() > s.inspections();
            case "bit-flipped" -> now.flips() > s.flips();
            case "figure-drawn" -> !figure.busyProperty().get() && figure.panels().stream().allMatch(p -> p.report() != null);
            case "sweep-shown" -> !sweep.phase.get().points().isEmpty();
            case "training" -> train.runningProperty().get();
            default -> false;
        };
    }

    @Override
    public Marks marks() {
        return new Marks(generations, pinned, forced.size(), inspections, flips);
    }

    @Override
    public String value(String name) {
        ModelHandle m = ctx.loadedModelProperty().get();
        InspectResult r = inspect.resultProperty().get();
        GenerationOutcome o = generate.outcomeProperty().get();
        String v = switch (name.substring(0, name.indexOf('.'))) {
            case "model" -> m == null ? null : name.equals("model.name") ? ctx.currentModelProperty().get().name()
                    : modelValue(name, m);
            case "inspect" -> r == null || r.codes().isEmpty() ? null : inspectValue(name, r);
            case "generate" -> o == null || o.kind() != GenerationOutcome.Kind.FIGURE4 ? null : generateValue(name, o);
            case "train" -> train.stepProperty().get() <= 0 ? null : trainValue(name);
            default -> null;
        };
        return v == null ? "..." : v;
    }

    private static String modelValue(String name, ModelHandle m) {
        Object kappa = m.checkpoint().training().get("kappa");
        return switch (name) {
            case "model.bits" -> String.valueOf(m.latentBits());
            case "model.codes" -> String.valueOf(1 << m.latentBits());
            case "model.kappa" -> kappa instanceof Number n ? RunOptions.fractionText(Math.round(
                    n.doubleValue() / Math.log(2) * 1e6) / 1e6) : null;
            default -> null;
        };
    }

    private static String inspectValue(String name, InspectResult r) {
        int t = 0;
        for (int i = 1; i < r.codes().size(); i++) {
            t = r.codes().get(i).kl() > r.codes().get(t).kl() ? i : t;
        }
        PositionCode c = r.codes().get(t);
        double bits = c.kl() / Math.log(2);
        return switch (name) {
            case "inspect.position" -> String.valueOf(t);
            case "inspect.kl" -> String.format(Locale.ROOT, "%.2f", bits);
            case "inspect.hinge" -> Double.isNaN(r.kappaNats()) ? null
                    : String.format(Locale.ROOT, "%.2f", Math.max(0, c.kl() - r.kappaNats()) / Math.log(2));
            case "inspect.code" -> String.valueOf(c.sampledZ());
            case "inspect.p" -> String.format(Locale.ROOT, "%.3g", codeProbability(c));
            case "inspect.total" -> String.format(Locale.ROOT, "%.1f", r.bitsUsed());
            default -> null;
        };
    }

    /** The Binary Mapper's probability of the sampled code: product over bits of p (bit set) or 1 - p. */
    static double codeProbability(PositionCode c) {
        double p = 1;
        for (int h = 0; h < c.bitProbabilities().length; h++) {
            double q = c.bitProbabilities()[h];
            p *= (c.sampledZ() >> h & 1) == 1 ? q : 1 - q;
        }
        return p;
    }

    private static String generateValue(String name, GenerationOutcome o) {
        return switch (name) {
            case "generate.shared" -> agreement(o, GenerationOutcome.Mode.SHARED);
            case "generate.fresh" -> agreement(o, GenerationOutcome.Mode.FRESH);
            case "generate.comparison" -> o.comparison().isEmpty() ? null : o.comparison();
            default -> null;
        };
    }

    private static String agreement(GenerationOutcome o, GenerationOutcome.Mode mode) {
        double sum = 0;
        int n = 0;
        for (GenerationOutcome.Group g : o.groups()) {
            if (g.mode() == mode && g.metrics() != null && !Double.isNaN(g.metrics().agreement())) {
                sum += g.metrics().agreement();
                n++;
            }
        }
        return n == 0 ? null : Math.round(100 * sum / n) + "%";
    }

    private String trainValue(String name) {
        return switch (name) {
            case "train.step" -> String.format(Locale.ROOT, "%,d", train.stepProperty().get());
            case "train.ce" -> String.format(Locale.ROOT, "%.3f", train.ceProperty().get());
            case "train.kl" -> String.format(Locale.ROOT, "%.3f", train.klProperty().get() / Math.log(2));
            default -> null;
        };
    }
}
