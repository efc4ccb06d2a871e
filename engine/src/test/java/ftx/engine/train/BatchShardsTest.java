package ftx.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Initializer;
import ftx.engine.model.KlBudget;
import ftx.engine.model.KlExchange;
import ftx.engine.model.LatentObjective;
import ftx.engine.model.Parameters;
import ftx.engine.util.StepCancel;
import ftx.engine.util.Rng;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A step cut into shards gives the loss, the per-token KL, Z and every gradient of the whole
 * batch in one piece (in double, up to rounding), with equal and unequal shards, every KL budget
 * (the position and global ones exchange the shards' KL mid-pass)
 * and the baseline; and the numbers do not depend on how many threads ran the shards.
 */
@org.junit.jupiter.api.Timeout(120) // a shard waiting for the other forever fails here instead of hanging the build
class BatchShardsTest {
    @AfterEach
    void restoreThreads() {
        TrainingThreads.set(Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    @ParameterizedTest
    @CsvSource({"5, 3, PER_TOKEN, DOUBLE, 0, 0", "4, 3, PER_SEQUENCE, DOUBLE, 0, 0", "5, 0, PER_TOKEN, DOUBLE, 0, 0",
            "5, 3, PER_TOKEN, FLOAT, 0, 0", "5, 3, PER_POSITION, DOUBLE, 0, 0", "4, 3, GLOBAL, DOUBLE, 0, 0",
            "5, 3, PER_POSITION, FLOAT, 0, 0", "5, 0, GLOBAL, DOUBLE, 0, 0",
            "5, 3, PER_TOKEN, DOUBLE, 0, 0.8", "5, 3, PER_TOKEN, FLOAT, 0, 0.8", "4, 3, GLOBAL, DOUBLE, 1.5, 0.8",
            "5, 3, PER_SEQUENCE, DOUBLE, 1, 0", "5, 3, PER_POSITION, DOUBLE, 1, 0"})
    void shardsGiveTheWholeBatch(int b, int bits, KlBudget budget, DataType type, double gamma, double lambda) {
        double tol = type == DataType.DOUBLE ? 1e-12 : 2e-5; // float: the host combine and ND4J round differently
        FreeTransformerConfig c = new FreeTransformerConfig(7, 8, 2, 2, 12, bits, 10000.0, 1e-5);
        Parameters p = Initializer.init(c, new Rng(3), type);
        if (c.hasLatent()) {
            p.get("post.weight").assign(Nd4j.randn(type, c.latentCodes(), c.dModel()).muli(0.3));
        }
        FreeTransformer model = new FreeTransformer(c, p, 32);
        Rng rng = new Rng(8);
        int t = 6;
        int[][] inputs = new int[b][t];
        int[][] targets = new int[b][t];
        double[] uniforms = new double[b * t * bits];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < t; j++) {
                inputs[i][j] = rng.nextInt(7);
                targets[i][j] = rng.nextInt(7);
            }
        }
        for (int i = 0; i < uniforms.length; i++) {
            uniforms[i] = rng.nextDouble();
        }
        double kappa = 0.05;
        Parameters whole = Parameters.zeros(c, type);
        LatentObjective objective = new LatentObjective(kappa, budget, gamma, lambda, false);
        FreeTransformer.Loss expected = model.forwardBackward(inputs, targets, uniforms, null, objective, whole,
                StepCancel.NONE, KlExchange.WHOLE_BATCH);
        Parameters oneThread = Parameters.zeros(c, type);
        BatchShards.Result sequential = new BatchShards(model, new TrainingThreads(1)).forwardBackward(inputs, targets,
                uniforms, null, objective, oneThread, StepCancel.NONE);
        Parameters twoThreads = Parameters.zeros(c, type);
        BatchShards.Result shards = new BatchShards(model, new TrainingThreads(2)).forwardBackward(inputs, targets,
                uniforms, null, objective, twoThreads, StepCancel.NONE);
        FreeTransformer.Loss parallel = shards.loss();

        assertEquals(2, BatchShards.shardsFor(b), "a CPU batch of " + b + " sequences is cut in two");
        assertEquals(expected.loss(), parallel.loss(), tol);
        assertEquals(expected.ce(), parallel.ce(), tol);
        assertEquals(expected.klTerm(), parallel.klTerm(), tol);
        assertEquals(expected.matching(), parallel.matching(), tol);
        if (lambda > 0 && bits > 0) {
            assertTrue(expected.matching() > 0, "the matching term is on");
        }
        assertEquals(expected.klMean(), parallel.klMean(), tol);
        assertArrayEquals(expected.klPerToken(), parallel.klPerToken(), 1e-6f);
        assertArrayEquals(expected.z(), parallel.z());
        for (String name : whole.names()) {
            INDArray e = whole.get(name);
            double scale = 1 + e.amaxNumber().doubleValue();
            assertEquals(0, e.sub(twoThreads.get(name)).amaxNumber().doubleValue(), tol * scale, name);
            assertArrayEquals(oneThread.get(name).dup().data().asDouble(), twoThreads.get(name).dup().data().asDouble(), 0.0,
                    name + " must not depend on the threads");
        }
        assertEquals(sequential.loss().loss(), parallel.loss(), 0.0);
        assertEquals(sequential.gradNorm(), shards.gradNorm(), 0.0);
        assertEquals(AdamW.globalNorm(whole), shards.gradNorm(), tol * (1 + shards.gradNorm()),
                "the norm comes from the combined gradient");
    }
}
