package ftx.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ftx.engine.kernels.Ops.Columns;
import ftx.engine.util.StepCancel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Every operation of {@link Ops} run through {@link PlainOps} (the oracle) and {@link CpuOps} (the
 * kernels) on the same random FLOAT inputs: every output, and every array an operation writes in
 * place, must agree up to float rounding. Shapes include rows that are not whole vectors, views
 * with an offset, causal and full attention, one or two inputs, and H up to 16 for the mapper.
 */
class OpsOracleTest {
    private static final DataType F = DataType.FLOAT;

    @BeforeAll
    static void cpuBackendOnly() {
        assumeTrue(OpsChoice.cpuBackend(), "the CPU kernels run on the CPU backend only; skipped on "
                + Nd4j.getBackend().getClass().getSimpleName() + ", which runs the plain operations");
    }

    /** One operation on inputs drawn from a seeded generator: returns its outputs and the arrays it wrote. */
    private record Case(BiFunction<Ops, Random, INDArray[]> run, double tol, boolean ofLargest) {
    }

    static Stream<Arguments> operations() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, "gemm, every transpose", 1e-5, (ops, r) -> {
            List<INDArray> out = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) == 1;
                boolean tb = (t & 2) == 2;
                INDArray a = ta ? randn(r, 19, 37) : randn(r, 37, 19);
                INDArray b = tb ? randn(r, 23, 19) : randn(r, 19, 23);
                INDArray c = randn(r, 37, 23);
                out.add(ops.gemm(a, b, ta, tb));
                ops.gemm(a, b, c, ta, tb, 0.5, 1.0);
                out.add(c);
            }
            return out.toArray(INDArray[]::new);
        });
        add(cases, "rmsNorm forward and backward", 1e-4, (ops, r) -> {
            INDArray x = randn(r, 37, 18).muli(3);
            INDArray w = randn(r, 18);
            INDArray dy = randn(r, 37, 18);
            INDArray dw = randn(r, 18);
            Ops.Normed n = ops.rmsNorm(x, w, 1e-5);
            return new INDArray[] {n.y(), n.xhat(), n.invRms(), ops.rmsNormBackward(dy, n, w, dw), dw};
        });
        add(cases, "rmsNorm of rows with an offset", 2e-5, (ops, r) -> {
            INDArray whole = randn(r, 6, 16);
            INDArray rows = whole.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 5),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            return new INDArray[] {ops.rmsNorm(rows, randn(r, 16), 1e-5).y()};
        });
        add(cases, "swiGlu forward and backward (21 columns: a tail)", 2e-5, (ops, r) -> {
            INDArray a = randn(r, 9, 21);
            INDArray up = randn(r, 9, 21);
            INDArray dHidden = randn(r, 9, 21);
            INDArray[] d = ops.swiGluBackward(dHidden, a, up);
            return new INDArray[] {ops.swiGlu(a, up), d[0], d[1]};
        });
        add(cases, "rope and its inverse at offsets 0, 7, 35", 2e-5, (ops, r) -> {
            RopeTable table = table(16, 2, 40);
            INDArray x = randn(r, 3 * 5, 16);
            List<INDArray> out = new ArrayList<>();
            for (int offset : new int[] {0, 7, 35}) {
                out.add(ops.rope(x, table, 3, 5, offset, false));
                out.add(ops.rope(x, table, 3, 5, offset, true));
            }
            return out.toArray(INDArray[]::new);
        });
        int[][] shapes = {{16, 2, 7}, {40, 2, 17}, {64, 2, 33}, {32, 4, 1}, {32, 4, 5}}; // D, heads, T: head widths 8, 20, 32
        for (int[] s : shapes) {
            for (int variant = 0; variant < 3; variant++) {
                boolean causal = variant < 2;
                boolean stacked = variant == 0; // q, k, v as columns of one [rows, 3D] projection
                addOfLargest(cases, "attention D=" + s[0] + " heads=" + s[1] + " T=" + s[2] + (causal ? " causal" : " full")
                        + (stacked ? ", stacked q k v" : ", separate q and kv"), 1e-4,
                        (ops, r) -> attention(ops, r, s[0], s[1], s[2], s[2], causal, stacked));
            }
        }
        addOfLargest(cases, "attention with fewer queries than keys (full)", 1e-4,
                (ops, r) -> attention(ops, r, 16, 2, 3, 4, false, false));
        for (int tk : new int[] {7, 16, 33}) {
            add(cases, "softmax Tk=" + tk + ", causal and full, offset 0 and 4", 2e-5, (ops, r) -> {
                List<INDArray> out = new ArrayList<>();
                for (int offset : new int[] {0, 4}) {
                    int tq = offset == 0 ? tk : 3; // a training pass, or 3 new positions after `offset` cached ones
                    for (boolean causal : new boolean[] {false, true}) {
                        INDArray p = ops.softmax(randn(r, 2, 3, tq, tk).muli(4), 1 / Math.sqrt(8), causal, offset);
                        if (causal) {
                            assertEquals(0.0, p.getDouble(0, 0, 0, offset + 1), 0.0, "a masked key gets exactly 0");
                        }
                        out.add(p);
                    }
                }
                return out.toArray(INDArray[]::new);
            });
        }
        add(cases, "scatterAddRows with repeated rows (37 columns: a tail)", 2e-5, (ops, r) -> {
            int[] index = {3, 0, 3, 7, 3, 1, 0};
            INDArray dTable = randn(r, 8, 37);
            ops.scatterAddRows(randn(r, index.length, 37), index, dTable);
            return new INDArray[] {dTable};
        });
        for (int h : new int[] {1, 3, 6, 9, 10, 12, 16}) { // one block of codes up to H = 9 (16-float vectors), then 2 to 128
            add(cases, "mapperBackward H=" + h, 2e-4, (ops, r) -> {
                int n = h == 16 ? 3 : 21;
                INDArray probs = Nd4j.createFromArray(uniform(r, n * h)).reshape(n, h).castTo(F).muli(0.98).addi(0.01);
                return new INDArray[] {ops.mapperBackward(randn(r, n, 8), probs, randn(r, 1L << h, 8), StepCancel.NONE)};
            });
        }
        add(cases, "adamW over part of a tensor, with clipping and decay", 1e-5, (ops, r) -> {
            INDArray p = randn(r, 7, 13);
            INDArray m = randn(r, 7, 13).muli(0.1);
            INDArray v = Transforms.abs(randn(r, 7, 13), false).muli(0.1);
            ops.adamW(p, randn(r, 7, 13), m, v, 5, 70, new Ops.AdamWStep(0.9, 0.95, 0.999, 1e-2, 0.2, 1e-8, 0.37));
            return new INDArray[] {p, m, v};
        });
        add(cases, "combine over part of a tensor", 1e-5, (ops, r) -> {
            INDArray g = randn(r, 7, 13);
            double sum = ops.combine(g, randn(r, 7, 13), 4, 80, 0.25, 0.75);
            return new INDArray[] {g, Nd4j.scalar(sum)};
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void theCpuKernelsGiveThePlainResults(Case c) {
        INDArray[] plain = c.run().apply(PlainOps.INSTANCE, new Random(17));
        INDArray[] cpu = c.run().apply(CpuOps.INSTANCE, new Random(17));
        assertEquals(plain.length, cpu.length);
        for (int i = 0; i < plain.length; i++) {
            if (c.ofLargest()) {
                double scale = plain[i].amaxNumber().doubleValue();
                double err = plain[i].castTo(DataType.DOUBLE).sub(cpu[i].castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
                assertTrue(err <= c.tol() * (scale > 0 ? scale : 1), "output " + i + ": error " + err + " at scale " + scale);
            } else {
                assertClose("output " + i, plain[i], cpu[i], c.tol());
            }
        }
    }

    @org.junit.jupiter.api.Test
    void doubleArraysTakeThePlainVersionsExactly() {
        // the kernels read FLOAT memory only: CpuOps hands DOUBLE arrays to PlainOps unchanged
        Random r = new Random(3);
        INDArray x = randn(r, 5, 8).castTo(DataType.DOUBLE);
        INDArray w = randn(r, 8).castTo(DataType.DOUBLE);
        assertClose("rmsNorm", PlainOps.INSTANCE.rmsNorm(x, w, 1e-5).y(), CpuOps.INSTANCE.rmsNorm(x, w, 1e-5).y(), 0);
        int[] index = {3, 0, 3, 1};
        INDArray dy = randn(r, 4, 37).castTo(DataType.DOUBLE);
        INDArray plain = randn(r, 5, 37).castTo(DataType.DOUBLE);
        INDArray cpu = plain.dup();
        PlainOps.INSTANCE.scatterAddRows(dy, index, plain);
        CpuOps.INSTANCE.scatterAddRows(dy, index, cpu);
        assertClose("scatterAddRows", plain, cpu, 0);
    }

    private static INDArray[] attention(Ops ops, Random r, int d, int nh, int tq, int tk, boolean causal,
                                        boolean stacked) {
        int b = 3;
        RopeTable table = table(d, nh, 40);
        INDArray qArray = randn(r, b * tq, stacked ? 3 * d : d);
        INDArray kvArray = stacked ? qArray : randn(r, b * tk, 2 * d);
        int kCol = stacked ? d : 0;
        Columns q = new Columns(qArray, 0);
        Columns k = new Columns(kvArray, kCol);
        Columns v = new Columns(kvArray, kCol + d);
        Ops.AttentionCore f = ops.attention(q, k, v, d, table, nh, b, tq, tk, causal);
        INDArray dq = Nd4j.zeros(F, b * tq, stacked ? 3 * d : d);
        INDArray dkv = stacked ? dq : Nd4j.zeros(F, b * tk, 2 * d);
        ops.attentionBackward(randn(r, b * tq, d), f.probs(), q, k, v, new Columns(dq, 0), new Columns(dkv, kCol),
                new Columns(dkv, kCol + d), table, nh, b, tq, tk, causal);
        return new INDArray[] {f.merged(), f.probs(), dq, dkv};
    }

    private static RopeTable table(int d, int nh, int positions) {
        int hd = d / nh;
        double[] cs = new double[positions * d];
        double[] sn = new double[positions * d];
        for (int t = 0; t < positions; t++) {
            for (int col = 0; col < d; col++) {
                double angle = t * Math.pow(10000.0, -2.0 * ((col % hd) / 2) / hd);
                cs[t * d + col] = Math.cos(angle);
                sn[t * d + col] = Math.sin(angle);
            }
        }
        return new RopeTable(cs, sn, positions, d, F);
    }

    private static void add(List<Arguments> cases, String name, double tol, BiFunction<Ops, Random, INDArray[]> run) {
        cases.add(Arguments.of(Named.of(name, new Case(run, tol, false))));
    }

    /** A case whose error is judged against its largest magnitude (sums that cancel, as in the softmax backward). */
    private static void addOfLargest(List<Arguments> cases, String name, double tol,
                                     BiFunction<Ops, Random, INDArray[]> run) {
        cases.add(Arguments.of(Named.of(name, new Case(run, tol, true))));
    }

    private static INDArray randn(Random r, long... shape) {
        double[] v = new double[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Nd4j.createFromArray(v).reshape(shape).castTo(F);
    }

    private static double[] uniform(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble();
        }
        return v;
    }

    /** Relative to the largest expected magnitude, so that near-zero entries do not demand more than float gives. */
    static void assertClose(String what, INDArray expected, INDArray actual, double rtol) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what + " shape");
        double[] e = expected.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double[] a = actual.dup('c').castTo(DataType.DOUBLE).data().asDouble();
        double scale = 0;
        for (double x : e) {
            scale = Math.max(scale, Math.abs(x));
        }
        for (int i = 0; i < e.length; i++) {
            assertTrue(Math.abs(e[i] - a[i]) <= rtol * (Math.abs(e[i]) + scale * 1e-3 + 1e-30),
                    what + " differs at " + i + ": plain " + e[i] + ", kernels " + a[i]);
        }
    }
}
