package ftx.engine.analysis;

import ftx.engine.model.FreeTransformer;
import ftx.engine.task.Sample;
import ftx.engine.task.Task;
import ftx.engine.util.Rng;
import ftx.engine.util.Workspaces;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;

/**
 * What each bit of Z says: the mutual information, in nats, between bit b of Z_t and each known
 * factor of the task at position t ({@link PositionFactors}), over n fresh task samples encoded
 * as in training (the encoder sees the inputs, Z_t is read at every input position from the
 * prompt's last on).
 *
 * <p>The estimate is exact for the model's posterior on these samples: an item is one (sample,
 * position), the bit is 1 with the encoder's probability q_i, and I(bit; F) is computed from the
 * joint P(F = f, bit = 1) = mean over items of [F_i = f] q_i (no bits are drawn). It is at most
 * {@link Report#bounds()}: min(ln 2, H(F)), the entropy of the factor over the same items. Of a
 * family of factors ({@link PositionFactors.Factor#family()}) the report keeps the member with
 * the most informative bit.
 */
public final class BitDictionary {
    private static final int CHUNK = 32;

    /**
     * @param factors the factor names (rows of information)
     * @param information [factor][bit], nats
     * @param bounds per factor, min(ln 2, H(F)) over the items, nats
     * @param samples task samples encoded
     * @param positions input positions per sample
     */
    public record Report(List<String> factors, double[][] information, double[] bounds, int samples, int positions) {
        /** The bit that tells most about factor f. */
        public int bestBit(int f) {
            int best = 0;
            for (int b = 1; b < information[f].length; b++) {
                if (information[f][b] > information[f][best]) {
                    best = b;
                }
            }
            return best;
        }
    }

    private BitDictionary() {
    }

    /** {@link #measure(FreeTransformer, Task, int, Rng)} with the generator {@code new Rng(seed).split()}. */
    public static Report measure(FreeTransformer model, Task task, int n, long seed) {
        return measure(model, task, n, new Rng(seed).split());
    }

    /** Encodes n samples of the task drawn from rng; an empty report when the task has no known factors. */
    public static Report measure(FreeTransformer model, Task task, int n, Rng rng) {
        int h = model.config().latentBits();
        if (h == 0) {
            throw new IllegalArgumentException("this is a baseline model (latent_bits = 0): it has no Z bits");
        }
        List<PositionFactors.Factor> factors = PositionFactors.of(task);
        int inputs = task.sequenceLength() - 1;
        int first = task.promptLength() - 1;
        int positions = inputs - first;
        Counts[] counts = new Counts[factors.size()];
        for (int f = 0; f < counts.length; f++) {
            counts[f] = new Counts(factors.get(f).values(), h);
        }
        for (int done = 0; done < n; done += CHUNK) {
            int b = Math.min(CHUNK, n - done);
            Sample[] samples = new Sample[b];
            int[][] in = new int[b][];
            for (int i = 0; i < b; i++) {
                samples[i] = task.sample(rng);
                in[i] = Arrays.copyOf(samples[i].tokens(), inputs);
            }
            float[] q = bitProbs(model, in, rng);
            for (int i = 0; i < b; i++) {
                for (int t = first; t < inputs; t++) {
                    for (int f = 0; f < counts.length; f++) {
                        counts[f].add(factors.get(f).reading().at(samples[i], t), q, (i * inputs + t) * h);
                    }
                }
            }
        }
        return report(factors, counts, n, positions);
    }

    /** One row per factor, except that of each family only the member with the most informative bit is kept. */
    private static Report report(List<PositionFactors.Factor> factors, Counts[] counts, int n, int positions) {
        List<String> names = new ArrayList<>();
        List<double[]> info = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        Map<String, Integer> familyRow = new HashMap<>();
        for (int f = 0; f < counts.length; f++) {
            double[] mi = counts[f].information();
            double bound = Math.min(Math.log(2), counts[f].factorEntropy());
            String family = factors.get(f).family();
            Integer row = family == null ? null : familyRow.get(family);
            if (row == null) {
                if (family != null) {
                    familyRow.put(family, names.size());
                }
                names.add(factors.get(f).name());
                info.add(mi);
                bounds.add(bound);
            } else if (max(mi) > max(info.get(row))) {
                names.set(row, factors.get(f).name());
                info.set(row, mi);
                bounds.set(row, bound);
            }
        }
        return new Report(List.copyOf(names), info.toArray(new double[0][]),
                bounds.stream().mapToDouble(Double::doubleValue).toArray(), n, positions);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    /** The encoder's bit probabilities [B*T*H] (row b*T + t) for the inputs. */
    private static float[] bitProbs(FreeTransformer model, int[][] in, Rng rng) {
        double[] u = new double[in.length * in[0].length * model.config().latentBits()];
        for (int i = 0; i < u.length; i++) {
            u[i] = rng.nextDouble();
        }
        try (MemoryWorkspace ws = Workspaces.open("ftx-bit-dictionary")) {
            FreeTransformer.Forward f = model.forward(in, FreeTransformer.ZSource.fromEncoder(u));
            return f.bitProbs().dup('c').castTo(DataType.FLOAT).data().asFloat();
        }
    }

    /** Per factor value: how many items, and the sum of each bit's probability over them. */
    static final class Counts {
        private final long[] items;
        private final double[][] ones;

        Counts(int values, int bits) {
            items = new long[values];
            ones = new double[values][bits];
        }

        void add(int value, float[] q, int offset) {
            items[value]++;
            for (int b = 0; b < ones[value].length; b++) {
                ones[value][b] += q[offset + b];
            }
        }

        /** I(bit; F) per bit, nats. */
        double[] information() {
            long total = Arrays.stream(items).sum();
            int bits = ones[0].length;
            double[] out = new double[bits];
            if (total == 0) {
                return out;
            }
            for (int b = 0; b < bits; b++) {
                double one = 0;
                for (double[] o : ones) {
                    one += o[b];
                }
                double pOne = one / total;
                double mi = 0;
                for (int v = 0; v < items.length; v++) {
                    double pf = (double) items[v] / total;
                    mi += term(ones[v][b] / total, pf * pOne) + term((items[v] - ones[v][b]) / total, pf * (1 - pOne));
                }
                out[b] = Math.max(0, mi);
            }
            return out;
        }

        double factorEntropy() {
            long total = Math.max(1, Arrays.stream(items).sum());
            double hf = 0;
            for (long c : items) {
                hf -= term((double) c / total, 1);
            }
            return hf;
        }

        private static double term(double joint, double product) {
            return joint <= 0 || product <= 0 ? 0 : joint * Math.log(joint / product);
        }
    }
}
