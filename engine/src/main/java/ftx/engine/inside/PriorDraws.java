package ftx.engine.inside;

import ftx.engine.model.FreeTransformer;
import ftx.engine.util.Rng;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The next-symbol distribution at every position with Z drawn from the uniform prior, the situation
 * of generation: N draws of a code per position, the sequence decoded under each, and per
 * position the mean and the standard deviation of the probabilities over the draws.
 *
 * @param mean  [T][V]
 * @param std   [T][V]
 * @param draws N
 */
public record PriorDraws(double[][] mean, double[][] std, int draws) {
    static PriorDraws of(FreeTransformer model, int[] tokens, int draws, Rng rng) {
        int t = tokens.length;
        int codes = model.config().latentCodes();
        int[][] batch = new int[draws][];
        int[] z = new int[draws * t];
        for (int d = 0; d < draws; d++) {
            batch[d] = tokens;
            for (int i = 0; i < t; i++) {
                z[d * t + i] = rng.nextInt(codes);
            }
        }
        float[][] logits = model.forward(batch, FreeTransformer.ZSource.given(z)).logits().castTo(DataType.FLOAT)
                .toFloatMatrix(); // [N*T][V]
        int v = logits[0].length;
        double[][] sum = new double[t][v];
        double[][] squares = new double[t][v];
        for (int d = 0; d < draws; d++) {
            for (int i = 0; i < t; i++) {
                double[] p = Softmax.of(logits[d * t + i]);
                for (int s = 0; s < v; s++) {
                    sum[i][s] += p[s];
                    squares[i][s] += p[s] * p[s];
                }
            }
        }
        double[][] std = new double[t][v];
        for (int i = 0; i < t; i++) {
            for (int s = 0; s < v; s++) {
                sum[i][s] /= draws;
                std[i][s] = Math.sqrt(Math.max(0, squares[i][s] / draws - sum[i][s] * sum[i][s]));
            }
        }
        return new PriorDraws(sum, std, draws);
    }
}
