package ftx.engine.cli;

import ftx.engine.ModelHandle;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.analysis.BitDictionary;
import ftx.engine.analysis.EvaluationJson;
import ftx.engine.analysis.FigureReading;
import ftx.engine.analysis.GroupMetrics;
import ftx.engine.analysis.SyntheticEvaluation;
import ftx.engine.analysis.SyntheticEvaluationReport;
import ftx.engine.analysis.SyntheticParse;
import ftx.engine.analysis.SyntheticEvaluationReport.FreshDataReport;
import ftx.engine.analysis.SyntheticEvaluationReport.ModeReport;
import ftx.engine.analysis.ReviewsEvaluation;
import ftx.engine.task.ReviewsTask;
import ftx.engine.task.SyntheticTask;
import java.io.PrintStream;
import java.util.Map;

/**
 * {@code ftx evaluate}: the group measure of Fleuret 2025, section 4.1 (Figure 4) on a model of
 * the synthetic task, plus CE and KL on fresh data (see {@link SyntheticEvaluation}).
 */
final class EvaluateCommand implements Command {
    /** One row of the per-mode table. */
    private static final String ROW = "%-7s  %-17s  %15s  %13s  %16s  %s%n";

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public String summary() {
        return "what Z decides: groups sharing Z vs fresh Z (block start and noise, or review sentiment), CE, KL";
    }

    @Override
    public String usage() {
        return """
                usage: ftx evaluate --model DIR [--groups G] [--samples S] [--fresh-data N]
                                    [--temperature T] [--seed N] [--json]
                  For a model of the synthetic task: G groups of S generations from one prompt "c>"
                  per group (random letter), 64 new symbols each, in two modes:
                    fresh   every sample draws its own Z from the prior at every generated position
                    shared  the samples of a group share one Z sequence drawn from the prior
                  Per mode: the fraction of well-formed samples (one block of 8 copies of the
                  prompt's letter, possibly hit by '!', nothing else but '_' and '!'), the start
                  agreement (fraction of pairs of well-formed members of a group with the same block
                  start, averaged over groups), the noise overlap (mean Jaccard index of the '!'
                  positions over such pairs) and the chance agreement (pairs across groups).
                  Also: CE per predicted position on N fresh task samples with the encoder's Z,
                  the mean KL per position, the CE with Z from the prior, and the information Z
                  carries about the block start, ln(shared agreement / chance agreement) in nats
                  (collision estimate; the KL per sequence is an upper bound). A baseline model
                  (latent_bits 0) has no Z: fresh mode only.
                  For a model of the reviews task: the same groups from the prompt ">", with the
                  fraction of reviews the grammar parses with one sentiment, the sentiment agreement
                  within groups (shared vs fresh) against the chance level across groups, and the
                  agreement on the neutral opening sentence.
                  --model DIR        checkpoint folder of a synthetic-task model
                  --groups G         groups per mode (default 20)
                  --samples S        samples per group (default 5, at least 2)
                  --fresh-data N     fresh task samples for CE and KL (default 256)
                  --temperature T    sampling temperature (default 1; 0 = greedy)
                  --bit-samples N    fresh task samples for the bit dictionary (default 256; 0 skips
                                     it): the information in nats between each bit of Z_t and each
                                     known factor at t (synthetic: block starts next, block started,
                                     noise next, letter; reviews: sentiment), with its bound
                  --letter C         the prompt letter of every group (default: one drawn per group)
                  --seed N           seed of letters, Z draws and sampling (default 1)
                  --json             machine-readable output
                """;
    }

    @Override
    public void run(Args args, PrintStream out, PrintStream err) throws Exception {
        String modelDir = args.required("model");
        int groups = args.integer("groups", 20);
        int samples = args.integer("samples", 5);
        int freshData = args.integer("fresh-data", 256);
        double temperature = args.number("temperature", 1.0);
        long seed = args.longValue("seed", 1);
        int bitSamples = args.integer("bit-samples", 256);
        String letter = args.string("letter", "");
        boolean json = args.flag("json");
        args.rejectUnknown();
        SyntheticEvaluation.Settings settings;
        try {
            if (letter.length() > 1) {
                throw new IllegalArgumentException("--letter takes one letter A..Z, got \"" + letter + "\"");
            }
            settings = new SyntheticEvaluation.Settings(groups, samples, freshData, temperature, seed,
                    letter.isEmpty() ? 0 : letter.charAt(0));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        if (bitSamples < 0) {
            throw new Args.UsageException("--bit-samples must be >= 0, got " + bitSamples);
        }
        ModelHandle m = ModelHandle.open(java.nio.file.Path.of(modelDir));
        long t0 = System.nanoTime();
        if (m.vocabulary().symbols().equals(ReviewsTask.SYMBOLS)) {
            ReviewsEvaluation.Report r = ReviewsEvaluation.run(m.model(), settings);
            BitDictionary.Report bits = bits(m, new ReviewsTask(), bitSamples, seed);
            err.printf("evaluated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            if (json) {
                ObjectNode root = EvaluationJson.reviews(modelDir, r);
                root.put("recipe", m.recipe());
                if (bits != null) {
                    BitDictionaryOutput.toJson(root, bits);
                }
                Json.print(out, root);
            } else {
                out.println("training recipe: " + m.recipe());
                ReviewsReportOutput.print(out, r);
                if (bits != null) {
                    BitDictionaryOutput.print(out, bits);
                }
            }
            return;
        }
        if (!m.vocabulary().symbols().equals(SyntheticTask.SYMBOLS)) {
            throw new IllegalArgumentException("the model's vocabulary is \"" + m.vocabulary().symbols()
                    + "\", neither the synthetic task's \"" + SyntheticTask.SYMBOLS + "\" nor the reviews task's \""
                    + ReviewsTask.SYMBOLS + "\": evaluate measures models of those tasks");
        }
        SyntheticEvaluationReport r = SyntheticEvaluation.run(m.model(), settings);
        BitDictionary.Report bits = bits(m, new SyntheticTask(), bitSamples, seed);
        err.printf("evaluated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (json) {
            ObjectNode root = EvaluationJson.synthetic(modelDir, r, false);
            root.put("recipe", m.recipe());
            if (bits != null) {
                BitDictionaryOutput.toJson(root, bits);
            }
            Json.print(out, root);
        } else {
            out.println("training recipe: " + m.recipe());
            printText(out, r);
            if (bits != null) {
                out.println();
                BitDictionaryOutput.print(out, bits);
            }
        }
    }

    /** The bit dictionary of a model with Z, or null (baseline, or 0 samples asked). */
    private static BitDictionary.Report bits(ModelHandle m, ftx.engine.task.Task task, int samples, long seed) {
        return m.model().config().hasLatent() && samples > 0 ? BitDictionary.measure(m.model(), task, samples, seed) : null;
    }

    private static void printText(PrintStream out, SyntheticEvaluationReport r) {
        out.printf("latent bits H = %d%s; %d groups x %d samples per mode, temperature %s, seed %d%n", r.latentBits(),
                r.hasLatent() ? "" : " (baseline: Z does not exist, fresh mode only)", r.settings().groups(),
                r.settings().samplesPerGroup(), r.settings().temperature(), r.settings().seed());
        out.println();
        out.println("reading (as a panel of the paper's Figure 4): " + FigureReading.of(r));
        out.println();
        out.printf(ROW, "mode", "well-formed", "start agreement", "noise overlap", "chance agreement",
                "start within +-1 of group mode (chance)");
        row(out, r.fresh());
        if (r.shared() != null) {
            row(out, r.shared());
        }
        flaws(out, r.fresh());
        if (r.shared() != null) {
            flaws(out, r.shared());
        }
        out.println();
        out.println("first group, " + r.fresh().mode() + ":");
        r.fresh().firstGroup().forEach(t -> out.println("  " + t));
        if (r.shared() != null) {
            out.println("first group, " + r.shared().mode() + ":");
            r.shared().firstGroup().forEach(t -> out.println("  " + t));
        }
        out.println();
        FreshDataReport d = r.freshData();
        if (r.hasLatent()) {
            out.printf("fresh data (%d sequences): CE %s nats/position with the encoder's Z, KL %s nats/position"
                    + " (%s per sequence), CE %s with Z from the prior%n", d.sequences(), f(d.ce()), f(d.klPerToken()),
                    f(d.klPerSequence()), f(d.cePrior()));
            out.printf("KL up to the position that predicts the block's first letter: %s nats per sequence (the most"
                    + " Z can have told the decoder about the start by then; a start fixed by Z needs ln 57 = 4.04)%n",
                    f(d.klBeforeDecision()));
            out.printf("Z and the block start: collision estimate %s nats (at most %s), KL upper bound %s nats;"
                    + " shared/fresh start agreement %s%n", f(r.startInformation()), f(r.startCollisionEntropy()),
                    f(d.klPerSequence()), f(r.startAgreementRatio()));
        } else {
            out.printf("fresh data (%d sequences): CE %s nats/position%n", d.sequences(), f(d.ce()));
        }
    }

    private static void row(PrintStream out, ModeReport m) {
        GroupMetrics g = m.metrics();
        out.printf(ROW, m.mode(), f(g.wellFormed()) + " (" + g.wellFormedSamples() + "/" + g.samples() + ")",
                f(g.startAgreement()), f(g.noiseOverlap()), f(g.crossGroupStartAgreement()),
                f(g.nearMode()) + " (" + f(g.nearModeChance()) + ")");
    }

    private static void flaws(PrintStream out, ModeReport m) {
        Map<SyntheticParse.Flaw, Integer> flaws = m.metrics().flaws();
        if (!flaws.isEmpty()) {
            out.println("malformed, " + m.mode() + ": " + flaws.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(e -> e.getValue() + " " + e.getKey().words).collect(java.util.stream.Collectors.joining(", ")));
        }
    }

    static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format("%.3f", v);
    }
}
