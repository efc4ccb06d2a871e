package ftx.engine.inside;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.analysis.LatentAnalysis;
import ftx.engine.model.ForwardTrace;
import ftx.engine.model.FreeTransformer;
import ftx.engine.model.FreeTransformerConfig;
import ftx.engine.model.Initializer;
import ftx.engine.model.Parameters;
import ftx.engine.util.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Inside view's numbers against independent ones: every attention map against softmax of the
 * rotated queries and keys recomputed here from the weights; the next-symbol distribution with
 * Z as chosen against {@code ftx score}'s path; each traversed code against a whole forward with
 * that code set (the plain ND4J path, no KV cache) and its continuation against greedy decoding
 * by whole forwards; and the same traversal whatever positions were visited before.
 */
class InsideTest {
    private static final FreeTransformerConfig C = new FreeTransformerConfig(9, 16, 4, 2, 24, 3, 10000.0, 1e-5);
    private static final int T = 12;

    private static FreeTransformer model(FreeTransformerConfig c, long seed) {
        Parameters p = Initializer.init(c, new Rng(seed), DataType.FLOAT);
        if (c.hasLatent()) { // W_post starts at zero: give Z a say
            p.get("post.weight").assign(Nd4j.randn(DataType.FLOAT, c.latentCodes(), c.dModel()).muli(0.8));
            p.get("enc_readout.bias").assign(Nd4j.randn(DataType.FLOAT, c.latentBits()).muli(1.5));
        }
        p.get("head.weight").muli(4); // spread the next-symbol distributions
        return new FreeTransformer(c, p, 64);
    }

    private static int[] tokens(int n, int vocab, long seed) {
        Rng rng = new Rng(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = rng.nextInt(vocab);
        }
        return t;
    }

    @Test
    void attentionMapsAreTheSoftmaxOfTheRotatedQueriesAndKeys() {
        FreeTransformer m = model(C, 1);
        InsideSequence s = new InsideSequence(m, tokens(T, 9, 2), ZChoice.SAMPLE, 3, 4);
        ForwardTrace.Result r = s.trace();
        Parameters p = m.parameters();
        int half = C.nLayers() / 2;
        for (int layer = 0; layer < C.nLayers(); layer++) {
            float[][] input = layer == 0 ? part(r, "embed") : part(r, "block." + (layer - 1));
            float[][] keys = layer == half ? part(r, "inject") : input;
            String prefix = "blocks." + layer + ".";
            float[][][] expected = attention(input, keys, p, prefix, true);
            assertMaps(expected, r.decoderAttention()[layer], "decoder layer " + layer);
        }
        float[][] zeta = new float[T][];
        Arrays.fill(zeta, p.get("zeta").toFloatVector());
        float[][][] encoder = attention(zeta, part(r, "block." + (half - 1)), p, "enc.", false);
        assertMaps(encoder, r.encoderAttention(), "encoder");
        float[] lastRow = r.decoderAttention()[0][1][T - 1];
        assertEquals(1.0, sum(lastRow), 1e-5, "each query's weights sum to 1");
        assertEquals(0.0, r.decoderAttention()[1][0][2][5], 0.0, "the decoder's heads are causal");
        assertTrue(r.encoderAttention()[0][2][5] > 0, "the encoder's are not");
    }

    private static void assertMaps(float[][][] expected, float[][][] actual, String what) {
        for (int h = 0; h < expected.length; h++) {
            for (int q = 0; q < T; q++) {
                assertArrayEquals(expected[h][q], actual[h][q], 2e-5f, what + " head " + h + " query " + q);
            }
        }
    }

    private static float[][] part(ForwardTrace.Result r, String id) {
        return r.parts().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow().values();
    }

    /** softmax(rot(W_q n(xq)) . rot(W_k n(xkv)) / sqrt(hd)) per head, n the block's RMSNorm, in double. */
    private static float[][][] attention(float[][] xq, float[][] xkv, Parameters p, String prefix, boolean causal) {
        int d = C.dModel();
        int heads = C.nHeads();
        int hd = d / heads;
        double[] norm = p.get(prefix + "attn_norm.weight").castTo(DataType.DOUBLE).toDoubleVector();
        double[][] wq = p.get(prefix + "attn.wq.weight").castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] wk = p.get(prefix + "attn.wk.weight").castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] q = rotate(project(rms(xq, norm), wq), hd);
        double[][] k = rotate(project(rms(xkv, norm), wk), hd);
        float[][][] out = new float[heads][T][T];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < T; i++) {
                double[] s = new double[T];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < T; j++) {
                    double dot = 0;
                    for (int c = h * hd; c < (h + 1) * hd; c++) {
                        dot += q[i][c] * k[j][c];
                    }
                    s[j] = causal && j > i ? Double.NEGATIVE_INFINITY : dot / Math.sqrt(hd);
                    max = Math.max(max, s[j]);
                }
                double total = 0;
                for (int j = 0; j < T; j++) {
                    s[j] = Math.exp(s[j] - max);
                    total += s[j];
                }
                for (int j = 0; j < T; j++) {
                    out[h][i][j] = (float) (s[j] / total);
                }
            }
        }
        return out;
    }

    private static double[][] rms(float[][] x, double[] w) {
        double[][] y = new double[x.length][w.length];
        for (int i = 0; i < x.length; i++) {
            double ms = 0;
            for (float v : x[i]) {
                ms += v * (double) v;
            }
            double scale = 1 / Math.sqrt(ms / w.length + C.normEps());
            for (int c = 0; c < w.length; c++) {
                y[i][c] = x[i][c] * scale * w[c];
            }
        }
        return y;
    }

    private static double[][] project(double[][] x, double[][] w) {
        double[][] y = new double[x.length][w.length];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < w.length; o++) {
                for (int c = 0; c < x[i].length; c++) {
                    y[i][o] += x[i][c] * w[o][c];
                }
            }
        }
        return y;
    }

    /** RoPE on interleaved pairs (2i, 2i+1) of each head, angle pos * base^(-2i/hd) (SPEC section 5). */
    private static double[][] rotate(double[][] x, int hd) {
        double[][] y = new double[x.length][x[0].length];
        for (int pos = 0; pos < x.length; pos++) {
            for (int c = 0; c < x[pos].length; c += 2) {
                int i = (c % hd) / 2;
                double angle = pos * Math.pow(C.ropeBase(), -2.0 * i / hd);
                y[pos][c] = x[pos][c] * Math.cos(angle) - x[pos][c + 1] * Math.sin(angle);
                y[pos][c + 1] = x[pos][c] * Math.sin(angle) + x[pos][c + 1] * Math.cos(angle);
            }
        }
        return y;
    }

    private static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }

    @Test
    void nextSymbolsAndTheTraversalMatchWholeForwardsWhereverTheViewWasBefore() {
        FreeTransformer m = model(C, 4);
        int[] tokens = tokens(T, 9, 5);
        InsideSequence s = new InsideSequence(m, tokens, ZChoice.MOST_LIKELY, 1, 8);
        int[] z = s.z();
        double[] score = LatentAnalysis.score(m, tokens, Arrays.copyOf(z, T - 1)).logProbs();
        for (int t = 0; t < T - 1; t++) {
            assertEquals(Math.exp(score[t]), s.at(t, null, 0).encoderZ()[tokens[t + 1]], 1e-5,
                    "with Z as chosen, position " + t + " gives ftx score's probability");
        }
        int k = 5;
        for (int t : new int[] {3, 9, 1, 9, 10, 6}) { // back and forth: rows rewound and restored
            InsidePosition at = s.at(t, 2, k);
            InsidePosition fresh = new InsideSequence(m, tokens, ZChoice.MOST_LIKELY, 1, 8).at(t, 2, k);
            assertEquals(8, at.traversal().size(), "every code of H = 3");
            assertArrayEquals(at.codeProbs(), s.nextWithCode(t, t, 2), 1e-12);
            for (int i = 0; i < at.traversal().size(); i++) {
                TraversalRow row = at.traversal().get(i);
                assertArrayEquals(fresh.traversal().get(i).probs(), row.probs(), 1e-6, "t " + t + ": as in a fresh view");
                assertArrayEquals(fresh.traversal().get(i).continuation(), row.continuation(), "t " + t);
                assertArrayEquals(s.nextWithCode(t, t, row.code()), row.probs(), 2e-5,
                        "t " + t + ", code " + row.code() + ": a whole forward with that code");
                assertArrayEquals(greedy(m, tokens, z, t, row.code(), k, false), row.continuation(), "t " + t);
                if (i > 0) {
                    assertTrue(row.posterior() <= at.traversal().get(i - 1).posterior(), "most probable first");
                }
            }
            assertEquals(1.0, at.traversal().stream().mapToDouble(TraversalRow::posterior).sum(), 1e-6);
        }
        ftx.engine.kernels.Ops before = ftx.engine.kernels.OpsChoice.use(false); // the plain ND4J operations
        try {
            InsidePosition plain = new InsideSequence(m, tokens, ZChoice.MOST_LIKELY, 1, 8).at(6, null, k);
            InsidePosition fast = s.at(6, null, k);
            assertArrayEquals(plain.encoderZ(), fast.encoderZ(), 2e-5, "the plain ND4J path gives the same numbers");
            for (int i = 0; i < plain.traversal().size(); i++) {
                assertArrayEquals(plain.traversal().get(i).probs(), fast.traversal().get(i).probs(), 2e-5);
                assertArrayEquals(plain.traversal().get(i).continuation(), fast.traversal().get(i).continuation());
            }
        } finally {
            ftx.engine.kernels.OpsChoice.restore(before);
        }
        InsidePosition shared = s.at(7, 3, k, true);
        assertArrayEquals(shared.traversal().stream().filter(r -> r.code() == 3).findFirst().orElseThrow().probs(),
                shared.codeProbs(), 2e-5, "the pinned code follows the mode");
        for (TraversalRow row : shared.traversal()) {
            int[] all = z.clone();
            Arrays.fill(all, 0, 8, row.code());
            assertArrayEquals(probsAt(m, tokens, all, 7), row.probs(), 2e-5, "shared: the code at 0..t");
            assertArrayEquals(greedy(m, tokens, z, 7, row.code(), k, true), row.continuation());
        }
    }

    /** Greedy continuation by whole forwards: Z as chosen after t (shared: the code), the code beyond the end. */
    private static int[] greedy(FreeTransformer m, int[] tokens, int[] z, int t, int code, int k, boolean shared) {
        int[] seq = Arrays.copyOf(tokens, t + 1);
        int[] out = new int[k];
        for (int j = 0; j < k; j++) {
            int[] zs = new int[seq.length];
            for (int i = 0; i < zs.length; i++) {
                zs[i] = i == t || (shared && i <= t) || i >= z.length || (shared && i > t) ? code : z[i];
            }
            double[] p = probsAt(m, seq, zs, seq.length - 1);
            int best = 0;
            for (int v = 1; v < p.length; v++) {
                best = p[v] > p[best] ? v : best;
            }
            out[j] = best;
            seq = Arrays.copyOf(seq, seq.length + 1);
            seq[seq.length - 1] = best;
        }
        return out;
    }

    private static double[] probsAt(FreeTransformer m, int[] tokens, int[] z, int t) {
        int[] seq = Arrays.copyOf(tokens, z.length);
        float[] row = m.forward(new int[][] {seq}, FreeTransformer.ZSource.given(z)).logits().getRow(t)
                .castTo(DataType.FLOAT).toFloatVector();
        return Softmax.of(row);
    }

    @Test
    void thePriorDrawsGiveAMeanDistributionAndItsSpread() {
        InsideSequence s = new InsideSequence(model(C, 6), tokens(T, 9, 7), ZChoice.MOST_LIKELY, 1, 64);
        InsidePosition p = s.at(8, null, 0);
        assertEquals(1.0, Arrays.stream(p.priorMean()).sum(), 1e-9);
        assertTrue(Arrays.stream(p.priorStd()).max().orElse(0) > 1e-3, "Z from the prior moves the distribution");
        assertEquals(64, s.priorDraws());
    }

    @Test
    void badRequestsSayWhatIsWrongAndABaselineHasNoZ() {
        FreeTransformer m = model(C, 8);
        int[] tokens = tokens(T, 9, 9);
        InsideSequence s = new InsideSequence(m, tokens, ZChoice.MOST_LIKELY, 1, 4);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.at(T, null, 4)).getMessage()
                .contains("position 12 is outside the sequence (0..11)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.at(-1, null, 4)).getMessage().contains("outside"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.at(3, 8, 4)).getMessage()
                .contains("code 8 is outside 0..7 (H = 3)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ZChoice.parse("maybe")).getMessage()
                .contains("most-likely, sample or comma-separated codes"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new InsideSequence(m, tokens, ZChoice.parse("1,2,3"), 1, 4)).getMessage()
                .contains("--z has 3 codes; the sequence has 12 positions"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new InsideSequence(m, tokens, ZChoice.parse("9,0,0,0,0,0,0,0,0,0,0,0"), 1, 4)).getMessage()
                .contains("Z code 9 at position 0 is outside 0..7"));

        FreeTransformerConfig plain = new FreeTransformerConfig(9, 16, 4, 2, 24, 0, 10000.0, 1e-5);
        InsideSequence b = new InsideSequence(model(plain, 9), tokens, ZChoice.MOST_LIKELY, 1, 4);
        assertNull(b.z());
        assertNull(b.trace().encoderAttention());
        assertEquals(4, b.trace().decoderAttention().length);
        InsidePosition p = b.at(4, null, 4);
        assertEquals(1.0, Arrays.stream(p.encoderZ()).sum(), 1e-9);
        assertNull(p.priorMean());
        assertEquals(List.of(), p.traversal());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.at(4, 1, 4)).getMessage().contains("baseline"));
    }
}
