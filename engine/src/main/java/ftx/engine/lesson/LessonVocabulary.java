package ftx.engine.lesson;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words a lesson may use, one table each: the app's pages, the controls a step may point at,
 * the actions the Lesson panel can perform, the checks that move a step on, and the live values a
 * step's text may quote. The app implements every word (a test holds it to that); the parser and
 * {@code ftx lesson check} refuse any other. Each entry maps a word to its meaning, which the
 * lesson format's documentation (assets/lessons/README.md) lists.
 */
public final class LessonVocabulary {
    /** The pages, by the names on the app's navigation. */
    public static final List<String> PAGES = List.of("Welcome", "Train", "Inspect", "Generate", "Figure 4", "Models",
            "Sweep", "Inside");

    /** Controls a step may highlight: name -> "Page: what it is". */
    public static final Map<String, String> CONTROLS = table(
            "welcome.demo", "Welcome: the button that loads the 1-bit model and generates",
            "welcome.reviews", "Welcome: the button that loads the reviews model and generates",
            "train.preset", "Train: the preset chooser",
            "train.start", "Train: the Start button",
            "train.probe", "Train: the chart of what Z decides",
            "inspect.inspect", "Inspect: the Inspect button",
            "inspect.grid", "Inspect: the grid of Z codes and bit probabilities",
            "inspect.dictionary", "Inspect: the bit dictionary",
            "generate.generate", "Generate: the Generate button",
            "generate.pins", "Generate: the pinned-Z field",
            "generate.samples", "Generate: the samples",
            "generate.bit", "Generate: the bit chooser of 'What does bit h do?'",
            "figure.regenerate", "Figure 4: the Regenerate all button",
            "figure.panels", "Figure 4: the four panels",
            "sweep.diagram", "Sweep: the phase diagram",
            "inside.diagram", "Inside: the diagram of the model",
            "inside.traversal", "Inside: the table of every code at t");

    /** Actions the panel's "Do it" button performs: verb -> "argument: what it does". */
    public static final Map<String, String> ACTIONS = table(
            "load-model", "NAME: loads the bundled model sample-models/NAME",
            "show-page", "PAGE: shows a page",
            "generate", "(none): presses Generate",
            "inspect", "(none): inspects a drawn task sample",
            "pin", "CODES: pins Z as the Pinned Z field reads it (e.g. -1,-1,17,3; -1 = free), or 'inspected': the"
                    + " codes Inspect shows; then generates",
            "explain-bit", "H: generates the same samples with bit H forced to 0 and to 1",
            "draw-figure", "(none): draws the four Figure 4 panels",
            "open-sweep", "FOLDER: opens a sweep folder (relative to sample-models/) on the Sweep page",
            "choose-preset", "NAME: chooses a Train preset by the start of its name (e.g. 'kappa 1/8')",
            "start-training", "(none): starts training",
            "open-scenario", "FILE: opens a scenario file (relative to the lesson's folder)");

    /** Checks that move a step on: condition -> "argument: when it holds". */
    public static final Map<String, String> CHECKS = table(
            "model-loaded", "NAME: the loaded model is NAME",
            "page-shown", "PAGE: the page is shown",
            "generated", "(none): Generate produced samples since the step began",
            "inspected", "(none): Inspect read a sequence since the step began",
            "pinned", "(none): a generation with pinned Z since the step began",
            "bit-forced", "H: a generation with bit H forced since the step began",
            "bit-flipped", "(none): a bit of a code was flipped on Inspect since the step began",
            "figure-drawn", "(none): the four Figure 4 panels are drawn",
            "sweep-shown", "(none): the Sweep page shows a phase diagram",
            "training", "(none): a run is training");

    /** Live values a step's text may quote as {{name}}: name -> what it is. */
    public static final Map<String, String> VALUES = table(
            "model.name", "the loaded model's name",
            "model.bits", "H, the loaded model's latent bits",
            "model.codes", "2^H, its number of codes",
            "model.kappa", "its free-bits budget kappa, in bits",
            "inspect.position", "on Inspect, the position whose code carries the most KL",
            "inspect.kl", "the KL of that position's code, in bits",
            "inspect.hinge", "max(0, KL - kappa) at that position, in bits: what the loss pays",
            "inspect.code", "the sampled Z index at that position",
            "inspect.p", "the Binary Mapper's probability of that code (product over bits of p or 1-p)",
            "inspect.total", "the KL summed over the sequence, in bits",
            "generate.shared", "the share of shared-Z groups' pairs that agree (the page's comparison)",
            "generate.fresh", "the same for the fresh-Z group",
            "generate.comparison", "the page's comparison line",
            "train.step", "the run's step",
            "train.ce", "the run's cross-entropy, nats per token",
            "train.kl", "the run's KL, bits per token");

    private LessonVocabulary() {
    }

    /** The words that take an argument (each entry whose meaning does not start with "(none)"). */
    public static boolean takesArgument(Map<String, String> table, String word) {
        String meaning = table.get(word);
        return meaning != null && !meaning.startsWith("(none)");
    }

    private static Map<String, String> table(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
