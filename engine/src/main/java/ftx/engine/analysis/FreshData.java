package ftx.engine.analysis;

import ftx.engine.analysis.SyntheticEvaluationReport.FreshDataReport;
import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.task.Sample;
import ftx.engine.task.Task;
import ftx.engine.util.Rng;
import ftx.engine.util.Workspaces;
import java.util.Arrays;
import java.util.function.ToIntFunction;
import org.nd4j.linalg.api.memory.MemoryWorkspace;

/**
 * Next-symbol prediction on n fresh samples of a task: CE per predicted position with the
 * encoder's Z, the mean KL per position, and the CE when Z is drawn from the uniform prior at
 * every position ({@code ZSource.given(random)}).
 */
final class FreshData {
    /** Sequences per forward pass. */
    private static final int CHUNK = 32;

    private FreshData() {
    }

    /**
     * @param decision for a sample, the number of input positions up to and including the one that
     *                 predicts its decided symbol; null when the task has none
     */
    static FreshDataReport measure(FreeTransformer model, Task task, int n, Rng rng, ToIntFunction<Sample> decision) {
        FreeTransformerConfig c = model.config();
        int inputs = task.sequenceLength() - 1;
        double ceSum = 0;
        double klSum = 0;
        double cePriorSum = 0;
        double beforeSum = 0;
        for (int done = 0; done < n; done += CHUNK) {
            int b = Math.min(CHUNK, n - done);
            int[][] in = new int[b][];
            int[] targets = new int[b * inputs];
            int[] decided = new int[b];
            for (int i = 0; i < b; i++) {
                Sample sample = task.sample(rng);
                decided[i] = decision == null ? 0 : Math.min(inputs, decision.applyAsInt(sample));
                int[] tokens = sample.tokens();
                in[i] = Arrays.copyOf(tokens, inputs);
                System.arraycopy(tokens, 1, targets, i * inputs, inputs); // [B*T] targets = tokens[:, 1:]
            }
            try (MemoryWorkspace ws = Workspaces.open("ftx-evaluate")) {
                if (!c.hasLatent()) {
                    ceSum -= sum(FreeTransformer.targetLogProbs(model.forward(in, FreeTransformer.ZSource.none()), targets));
                    continue;
                }
                double[] u = new double[b * inputs * c.latentBits()];
                for (int i = 0; i < u.length; i++) {
                    u[i] = rng.nextDouble();
                }
                FreeTransformer.Forward f = model.forward(in, FreeTransformer.ZSource.fromEncoder(u));
                ceSum -= sum(FreeTransformer.targetLogProbs(f, targets));
                klSum += f.klPerToken().sumNumber().doubleValue();
                float[] kl = f.klPerToken().dup('c').data().asFloat();
                for (int i = 0; i < b; i++) {
                    for (int t = 0; t < decided[i]; t++) {
                        beforeSum += kl[i * inputs + t];
                    }
                }
                int[] z = new int[b * inputs];
                for (int i = 0; i < z.length; i++) {
                    z[i] = rng.nextInt(c.latentCodes());
                }
                cePriorSum -= sum(FreeTransformer.targetLogProbs(model.forward(in, FreeTransformer.ZSource.given(z)), targets));
            }
        }
        double tokens = (double) n * inputs;
        double ce = n == 0 ? Double.NaN : ceSum / tokens;
        if (!c.hasLatent()) {
            return new FreshDataReport(n, ce, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double kl = n == 0 ? Double.NaN : klSum / tokens;
        return new FreshDataReport(n, ce, kl, kl * inputs, n == 0 ? Double.NaN : cePriorSum / tokens,
                n == 0 || decision == null ? Double.NaN : beforeSum / n);
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
