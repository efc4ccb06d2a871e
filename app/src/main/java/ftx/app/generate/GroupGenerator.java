package ftx.app.generate;

import ftx.app.generate.GenerationOutcome.Group;
import ftx.app.generate.GenerationOutcome.Kind;
import ftx.app.generate.GenerationOutcome.Mode;
import ftx.app.generate.GenerationOutcome.Sample;
import ftx.engine.ModelHandle;
import ftx.engine.analysis.GroupSampling;
import ftx.engine.generate.GenerationRequest;
import ftx.engine.generate.GenerationResult;
import ftx.engine.generate.Generator;
import ftx.engine.generate.TokenListener;
import ftx.engine.util.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Produces the Generate page's samples (plain logic, runs off the FX thread): the Figure 4
 * layout of Fleuret 2025, "The Free Transformer", section 4.1 (one group with a fresh Z per
 * sample, G groups whose samples share one Z sequence drawn from the prior at the generated
 * positions, the prompt keeping each sample's posterior, as {@code SyntheticEvaluation} does),
 * and the "what does bit h do" pair. Every sequence of a press is generated in one batched
 * engine call; pins and forced bits go through {@link SteeringPolicy}. Samples of a task with a
 * {@link TaskReading} (synthetic, reviews) are read back into factors and their groups measured.
 */
final class GroupGenerator {
    /** Salt of the generator drawing the shared groups' Z from the seed (independent of the sampling stream). */
    private static final long SHARED_SALT = 0x5DEECE66DL;

    private GroupGenerator() {
    }

    /**
     * The Figure 4 layout: group 0 fresh, groups 1..G shared. Change marks are set against
     * {@code previous} when it was generated with the same settings (so the same seed).
     */
    static GenerationOutcome figure4(ModelHandle m, GenerateSettings s, int[] pins, GenerationOutcome previous) {
        int[] prompt = s.validate(m);
        Optional<TaskReading> task = TaskReading.of(m);
        boolean latent = m.latentBits() > 0;
        int per = s.samplesPerGroup();
        int n = per * (s.groups() + 1);
        int inputs = prompt.length + s.newSymbols() - 1;
        int[][] shared = new int[n][];
        if (latent) {
            Rng zRng = new Rng(s.seed() ^ SHARED_SALT);
            for (int g = 0; g < s.groups(); g++) {
                int[] groupZ = GroupSampling.sharedZ(zRng, prompt.length, inputs, m.model().config().latentCodes());
                for (int k = 0; k < per; k++) {
                    shared[per * (g + 1) + k] = groupZ;
                }
            }
        }
        long t0 = System.nanoTime();
        GenerationResult r = generate(m, s, prompt, n, new SteeringPolicy(shared, pins, -1, false));
        double ms = (System.nanoTime() - t0) / 1e6;
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g <= s.groups(); g++) {
            String title;
            Mode mode;
            if (!latent) {
                mode = Mode.BASELINE;
                title = "Group " + (g + 1) + " (baseline: no Z, so nothing to share)";
            } else if (g == 0) {
                mode = Mode.FRESH;
                title = "Fresh Z: each of the " + per + " samples draws its own Z at every generated position";
            } else {
                mode = Mode.SHARED;
                title = "Shared Z, group " + g + ": the " + per + " samples share one Z sequence drawn from the prior";
            }
            groups.add(group(m, task, title, mode, r, g * per, per));
        }
        GenerationOutcome out = new GenerationOutcome(Kind.FIGURE4, s, pins.clone(), -1, groups,
                task.map(t -> comparison(t, latent, groups)).orElse(""), ms, "");
        return sameLayout(previous, out) ? markAgainst(previous, out) : out;
    }

    /**
     * The same S fresh-Z samples twice with the same seed: bit h cleared, then set, at every
     * generated position (after pins); the columns' differing symbols are marked.
     */
    static GenerationOutcome bitPair(ModelHandle m, GenerateSettings s, int[] pins, int bit) {
        int[] prompt = s.validate(m);
        if (bit < 0 || bit >= m.latentBits()) {
            throw new IllegalArgumentException(m.latentBits() == 0 ? "baseline: no Z, so no bits to force"
                    : "bit h must be in 0.." + (m.latentBits() - 1) + ", got " + bit);
        }
        Optional<TaskReading> task = TaskReading.of(m);
        int per = s.samplesPerGroup();
        long t0 = System.nanoTime();
        GenerationResult zero = generate(m, s, prompt, per, new SteeringPolicy(null, pins, bit, false));
        GenerationResult one = generate(m, s, prompt, per, new SteeringPolicy(null, pins, bit, true));
        double ms = (System.nanoTime() - t0) / 1e6;
        Group a = group(m, task, "Bit " + bit + " forced to 0", Mode.BIT_ZERO, zero, 0, per);
        Group b = group(m, task, "Bit " + bit + " forced to 1", Mode.BIT_ONE, one, 0, per);
        List<Sample> ma = new ArrayList<>();
        List<Sample> mb = new ArrayList<>();
        int changed = 0;
        int differing = 0;
        for (int i = 0; i < per; i++) {
            boolean[] marks = diff(a.samples().get(i).text(), b.samples().get(i).text());
            ma.add(a.samples().get(i).withChanged(marks));
            mb.add(b.samples().get(i).withChanged(marks));
            changed += mb.get(i).changedCount();
            differing += decisionDiffers(a.samples().get(i).reading(), b.samples().get(i).reading()) ? 1 : 0;
        }
        String decision = task.isEmpty() ? "" : "; " + task.get().decisionChanged() + " in " + differing + " of " + per
                + " samples";
        String line = "Flipping bit " + bit + " at every generated position changed " + changed + " of "
                + per * s.newSymbols() + " generated symbols" + decision + ".";
        List<Group> groups = List.of(new Group(a.title(), a.mode(), ma, a.metrics()), new Group(b.title(), b.mode(), mb,
                b.metrics()));
        return new GenerationOutcome(Kind.BIT_PAIR, s, pins.clone(), bit, groups, line, ms,
                "the other column (same seed, bit " + bit + " flipped)");
    }

    private static GenerationResult generate(ModelHandle m, GenerateSettings s, int[] prompt, int n, SteeringPolicy p) {
        int[][] prompts = new int[n][];
        Arrays.fill(prompts, prompt);
        return Generator.generate(m.model(), new GenerationRequest(prompts, s.newSymbols(), s.temperature(), 0, s.seed(), p),
                TokenListener.NONE);
    }

    private static Group group(ModelHandle m, Optional<TaskReading> task, String title, Mode mode, GenerationResult r,
                               int from, int count) {
        List<Sample> samples = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            int[] tokens = r.tokens()[i];
            String text = m.vocabulary().decode(tokens);
            SampleReading reading = task.map(t -> t.read(tokens, text)).orElse(null);
            samples.add(new Sample(text, r.z()[i].clone(), r.promptLength(), reading, new boolean[tokens.length]));
        }
        return new Group(title, mode, samples, task.map(t -> t.measure(List.of(readings(samples)))).orElse(null));
    }

    /** Whether two readings of the same draw are both well formed with different decisions. */
    static boolean decisionDiffers(SampleReading a, SampleReading b) {
        return a != null && b != null && a.wellFormed() && b.wellFormed() && !Objects.equals(a.decision(), b.decision());
    }

    /**
     * "Shared groups agree on the start X% of pairs vs Y% for fresh (...)": the shared groups
     * (all but the first) measured together against the first, fresh one; for the baseline
     * (latent false) every group is independent.
     */
    static String comparison(TaskReading task, boolean latent, List<Group> groups) {
        List<List<SampleReading>> rest = new ArrayList<>();
        for (Group g : groups.subList(1, groups.size())) {
            rest.add(readings(g.samples()));
        }
        GroupReading others = task.measure(rest);
        GroupReading first = groups.get(0).metrics();
        if (!latent) {
            return "Baseline (no Z): all groups are independent samples; they agree on the " + others.decision() + " "
                    + Format.percent(others.agreement()) + " of pairs (group 1: " + Format.percent(first.agreement()) + ").";
        }
        return "Shared groups agree on the " + others.decision() + " " + Format.percent(others.agreement()) + " of pairs vs "
                + Format.percent(first.agreement()) + " for fresh (" + others.measuresVersus(first) + "well formed "
                + Format.percent(others.wellFormed()) + " vs " + Format.percent(first.wellFormed()) + ").";
    }

    private static List<SampleReading> readings(List<Sample> samples) {
        return samples.stream().map(Sample::reading).toList();
    }

    /** Whether two Figure 4 outcomes have the same settings, hence the same seed and layout. */
    private static boolean sameLayout(GenerationOutcome previous, GenerationOutcome next) {
        return previous != null && previous.kind() == Kind.FIGURE4 && previous.settings().equals(next.settings());
    }

    private static GenerationOutcome markAgainst(GenerationOutcome previous, GenerationOutcome next) {
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < next.groups().size(); g++) {
            Group ng = next.groups().get(g);
            List<Sample> samples = new ArrayList<>();
            for (int i = 0; i < ng.samples().size(); i++) {
                Sample s = ng.samples().get(i);
                samples.add(s.withChanged(diff(previous.groups().get(g).samples().get(i).text(), s.text())));
            }
            groups.add(new Group(ng.title(), ng.mode(), samples, ng.metrics()));
        }
        return next.withGroups(groups, "the previous generation (same seed and settings)");
    }

    /** Per symbol of b: differs from a at the same place (texts of one layout have equal lengths). */
    static boolean[] diff(String a, String b) {
        boolean[] d = new boolean[b.length()];
        for (int i = 0; i < b.length(); i++) {
            d[i] = i >= a.length() || a.charAt(i) != b.charAt(i);
        }
        return d;
    }
}
