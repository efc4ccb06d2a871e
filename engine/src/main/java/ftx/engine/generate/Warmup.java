package ftx.engine.generate;

import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Initializer;
import ftx.engine.util.Rng;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Runs the generation path a few times on a small random model of the sample models' shape, so
 * that the JIT has compiled its kernels before a person's first request (the first generations of
 * a fresh process are several times slower: docs/PERFORMANCE.md); the app calls this on a
 * background thread at launch.
 */
public final class Warmup {
    /** Generations run; each makes 25 sequences of 64 symbols, as the Figure 4 demo does. */
    static final int ROUNDS = 4;

    private Warmup() {
    }

    /** Generates ROUNDS x 25 x 64 symbols with a random model; returns the symbols generated. */
    public static int run() {
        FreeTransformerConfig c = new FreeTransformerConfig(29, 128, 4, 4, 384, 8, 10000, 1e-5);
        FreeTransformer model = new FreeTransformer(c, Initializer.init(c, new Rng(1), DataType.FLOAT), 256);
        int[][] prompts = new int[25][];
        Arrays.fill(prompts, new int[] {1, 28});
        int symbols = 0;
        for (int i = 0; i < ROUNDS; i++) {
            GenerationResult r = Generator.generate(model, new GenerationRequest(prompts, 64, 1.0, 0, i, ZPolicy.prior()),
                    TokenListener.NONE);
            symbols += r.tokens().length * 64;
        }
        return symbols;
    }
}
