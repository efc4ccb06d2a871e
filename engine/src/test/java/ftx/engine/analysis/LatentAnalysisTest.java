package ftx.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.io.Safetensors;
import ftx.engine.io.Tensor;
import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Initializer;
import ftx.engine.testing.GoldenFiles;
import ftx.engine.util.Rng;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** encode and score report exactly what the independent implementation computed for the golden case. */
class LatentAnalysisTest {
    @TempDir
    Path tmp;

    @Test
    void encodeAndScoreAgreeWithTheGoldenCase() throws Exception {
        var c = GoldenFiles.loadModel("tiny", tmp);
        FreeTransformer model = new FreeTransformer(c.config(), c.weights(), 128);
        Map<String, Tensor> io = Safetensors.read(GoldenFiles.caseDir("tiny").resolve("case.safetensors"));
        int h = 8;
        int t = 65;
        int[] tokens = Arrays.copyOfRange(io.get("tokens").toInts(), 0, 66);
        List<PositionCode> codes = LatentAnalysis.encode(model, Arrays.copyOf(tokens, t), new Rng(1));
        double[] bitLogits = io.get("bit_logits").values();
        double[] kl = io.get("kl").values();
        for (int i = 0; i < t; i++) {
            PositionCode pc = codes.get(i);
            assertEquals(kl[i], pc.kl(), 1e-5, "kl at " + i);
            int mode = 0;
            for (int bit = 0; bit < h; bit++) {
                double p = 1 / (1 + Math.exp(-bitLogits[i * h + bit]));
                assertEquals(p, pc.bitProbabilities()[bit], 1e-5, "p at " + i + " bit " + bit);
                mode |= p > 0.5 ? 1 << bit : 0;
            }
            assertEquals(mode, pc.mostLikelyZ(), "most likely Z at " + i);
            assertTrue(pc.sampledZ() >= 0 && pc.sampledZ() < 256);
        }
        int[] z = Arrays.copyOfRange(io.get("z_given").toInts(), 0, t);
        ScoreResult s = LatentAnalysis.score(model, tokens, z);
        double[] logits = io.get("logits_given").values();
        double ce = 0;
        for (int i = 0; i < t; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int v = 0; v < 29; v++) {
                max = Math.max(max, logits[i * 29 + v]);
            }
            double sum = 0;
            for (int v = 0; v < 29; v++) {
                sum += Math.exp(logits[i * 29 + v] - max);
            }
            double lp = logits[i * 29 + tokens[i + 1]] - max - Math.log(sum);
            assertEquals(lp, s.logProbs()[i], 1e-4, "log-prob at " + i);
            ce -= lp / t;
        }
        assertEquals(ce, s.ce(), 1e-4);
    }

    @Test
    void wrongZAndBaselineAreRefusedWithAMessage() throws Exception {
        var c = GoldenFiles.loadModel("tiny", tmp);
        FreeTransformer model = new FreeTransformer(c.config(), c.weights(), 128);
        var tooFew = assertThrows(IllegalArgumentException.class, () -> LatentAnalysis.score(model, new int[] {1, 28, 0}, new int[] {1}));
        assertTrue(tooFew.getMessage().contains("one Z index per input position"), tooFew.getMessage());
        var outOfRange = assertThrows(IllegalArgumentException.class,
                () -> LatentAnalysis.score(model, new int[] {1, 28, 0}, new int[] {1, 256}));
        assertTrue(outOfRange.getMessage().contains("256") && outOfRange.getMessage().contains("0..255"), outOfRange.getMessage());
        FreeTransformerConfig base = new FreeTransformerConfig(29, 8, 2, 2, 12, 0, 10000, 1e-5);
        FreeTransformer baseline = new FreeTransformer(base, Initializer.init(base, new Rng(1), DataType.FLOAT), 16);
        var noZ = assertThrows(IllegalArgumentException.class, () -> LatentAnalysis.encode(baseline, new int[] {1, 28}, new Rng(1)));
        assertTrue(noZ.getMessage().contains("baseline"), noZ.getMessage());
        assertEquals(2, LatentAnalysis.score(baseline, new int[] {1, 28, 0}, new int[0]).logProbs().length);
    }
}
