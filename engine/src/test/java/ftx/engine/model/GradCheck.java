package ftx.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Finite-difference gradient checking in double precision: central differences of a scalar loss
 * with respect to the entries of a tensor (all of them, or a random subset), compared entry by
 * entry with an analytic gradient. Also the random fixtures the checks share and the scalar probe
 * {@code L = sum(y * r)}, whose gradient with respect to y is r.
 */
final class GradCheck {
    /** Step of the central difference. */
    static final double EPS = 1e-6;
    /** Relative tolerance per entry. */
    static final double RTOL = 1e-5;
    /** Absolute tolerance per entry (round-off of the difference quotient). */
    static final double ATOL = 1e-8;
    /** Below this, a numeric gradient counts as zero: a check where every entry is zero proves nothing. */
    private static final double NON_ZERO = 1e-6;

    private GradCheck() {
    }

    /** Standard normal entries times scale, shape as given, double precision. */
    static INDArray randn(Random rnd, double scale, long... shape) {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, scale * rnd.nextGaussian());
        }
        return a;
    }

    /** Entries 1 + scale * N(0, 1): a norm weight near one. */
    static INDArray nearOne(Random rnd, double scale, long n) {
        return randn(rnd, scale, n).addi(1.0);
    }

    /** The probe loss {@code sum(y * r)}. */
    static double probe(INDArray y, INDArray r) {
        return y.mul(r).sumNumber().doubleValue();
    }

    /**
     * Checks every entry of {@code analytic} = dL/dx against central differences of {@code loss},
     * perturbing {@code x} in place (restored afterwards).
     */
    static void check(String what, INDArray analytic, INDArray x, DoubleSupplier loss) {
        check(what, analytic, x, loss, Integer.MAX_VALUE, null);
    }

    /**
     * As {@link #check(String, INDArray, INDArray, DoubleSupplier)} on at most {@code maxEntries}
     * entries drawn without replacement by {@code rnd} (all entries if the tensor is smaller).
     */
    static void check(String what, INDArray analytic, INDArray x, DoubleSupplier loss, int maxEntries, Random rnd) {
        assertEquals(DataType.DOUBLE, x.dataType(), what + ": gradient checks run in double precision");
        assertEquals(x.length(), analytic.length(), what + ": analytic gradient has the wrong size");
        for (int i = 0; i < x.rank(); i++) {
            assertEquals(x.size(i), analytic.size(i), what + ": analytic gradient has the wrong shape");
        }
        long[] entries = pick(x.length(), maxEntries, rnd);
        List<String> bad = new ArrayList<>();
        double worst = 0;
        double largest = 0;
        for (long i : entries) {
            double numeric = centralDifference(x, i, loss);
            double a = analytic.getDouble(i);
            double err = Math.abs(a - numeric);
            double allowed = ATOL + RTOL * Math.max(Math.abs(a), Math.abs(numeric));
            worst = Math.max(worst, err / (ATOL + Math.max(Math.abs(a), Math.abs(numeric))));
            largest = Math.max(largest, Math.abs(numeric));
            if (!(err <= allowed)) {
                bad.add(String.format("[%d] analytic %.10e numeric %.10e", i, a, numeric));
            }
        }
        if (!bad.isEmpty()) {
            fail(String.format("%s: %d of %d checked entries disagree (worst relative error %.3e), first: %s",
                    what, bad.size(), entries.length, worst, bad.subList(0, Math.min(5, bad.size()))));
        }
        if (largest < NON_ZERO) {
            fail(what + ": every checked numeric gradient is ~0, the check is vacuous");
        }
    }

    /** (L(x + eps e_i) - L(x - eps e_i)) / (2 eps), x restored afterwards. */
    static double centralDifference(INDArray x, long i, DoubleSupplier loss) {
        double x0 = x.getDouble(i);
        x.putScalar(i, x0 + EPS);
        double plus = loss.getAsDouble();
        x.putScalar(i, x0 - EPS);
        double minus = loss.getAsDouble();
        x.putScalar(i, x0);
        return (plus - minus) / (2 * EPS);
    }

    private static long[] pick(long n, int max, Random rnd) {
        if (n <= max) {
            long[] all = new long[(int) n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] perm = new int[(int) n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < max; i++) { // partial Fisher-Yates
            int j = i + rnd.nextInt((int) n - i);
            int tmp = perm[i];
            perm[i] = perm[j];
            perm[j] = tmp;
        }
        long[] out = new long[max];
        for (int i = 0; i < max; i++) {
            out[i] = perm[i];
        }
        return out;
    }
}
