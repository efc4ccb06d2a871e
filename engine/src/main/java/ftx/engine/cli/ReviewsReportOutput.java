package ftx.engine.cli;

import ftx.engine.analysis.ReviewGroupMetrics;
import ftx.engine.analysis.ReviewsEvaluation;
import ftx.engine.analysis.SyntheticEvaluationReport.FreshDataReport;
import java.io.PrintStream;

/** {@code ftx evaluate} output for a reviews-task model, as text (the JSON: {@code EvaluationJson}). */
final class ReviewsReportOutput {
    private static final String ROW = "%-7s  %-17s  %6s  %19s  %17s  %17s%n";

    private ReviewsReportOutput() {
    }

    static void print(PrintStream out, ReviewsEvaluation.Report r) {
        out.printf("reviews task, latent bits H = %d; %d groups x %d reviews per mode, temperature %s, seed %d%n",
                r.latentBits(), r.settings().groups(), r.settings().samplesPerGroup(), r.settings().temperature(),
                r.settings().seed());
        out.println();
        out.printf(ROW, "mode", "well-formed", "mixed", "sentiment agreement", "chance agreement", "opening agreement");
        row(out, r.fresh());
        if (r.shared() != null) {
            row(out, r.shared());
        }
        out.println();
        for (ReviewsEvaluation.Mode m : r.shared() == null ? new ReviewsEvaluation.Mode[] {r.fresh()}
                : new ReviewsEvaluation.Mode[] {r.fresh(), r.shared()}) {
            out.println("first group, " + m.mode() + ":");
            m.firstGroup().forEach(t -> out.println("  " + t));
        }
        out.println();
        FreshDataReport d = r.freshData();
        out.printf("fresh reviews (%d): CE %s nats/position with the encoder's Z, KL %s nats/position (%s per review),"
                + " CE %s with Z from the prior%n", d.sequences(), EvaluateCommand.f(d.ce()),
                EvaluateCommand.f(d.klPerToken()), EvaluateCommand.f(d.klPerSequence()), EvaluateCommand.f(d.cePrior()));
        out.printf("KL up to the position that predicts the first sentiment word: %s nats per review (a sentiment"
                + " fixed by Z needs ln 2 = 0.693)%n", EvaluateCommand.f(d.klBeforeDecision()));
        out.printf("Z and the sentiment: collision estimate %s nats (ln 2 = 0.693 when Z decides it)%n",
                EvaluateCommand.f(r.sentimentInformation()));
    }

    private static void row(PrintStream out, ReviewsEvaluation.Mode m) {
        ReviewGroupMetrics g = m.metrics();
        out.printf(ROW, m.mode(), EvaluateCommand.f(g.wellFormed()) + " (" + g.wellFormedSamples() + "/" + g.samples() + ")",
                String.valueOf(g.mixedSamples()), EvaluateCommand.f(g.sentimentAgreement()),
                EvaluateCommand.f(g.crossGroupSentimentAgreement()), EvaluateCommand.f(g.openingAgreement()));
    }
}
