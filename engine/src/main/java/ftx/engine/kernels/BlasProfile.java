package ftx.engine.kernels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Optional accounting of the matrix products that {@link Blas} hands to OpenBLAS: wall time,
 * calls and floating-point work per shape, from every thread, between {@link #start} and
 * {@link #stop}. Off by default (one volatile read per product); {@code ftx bench --products}
 * turns it on to show where a training step's time goes. Products that fall back to ND4J's op
 * layer (plain mode, CUDA, double) are not counted.
 */
public final class BlasProfile {
    private static volatile boolean on;
    private static final Map<Shape, Totals> BY_SHAPE = new ConcurrentHashMap<>();

    private BlasProfile() {
    }

    /**
     * C [m, n] = op(A) op(B) with inner size k; transA/transB as in BLAS; accumulate when C was
     * added to (beta != 0).
     */
    public record Shape(int m, int k, int n, boolean transA, boolean transB, boolean accumulate) {
        double flops() {
            return 2.0 * m * k * n;
        }

        @Override
        public String toString() {
            return "[" + m + "x" + k + "]" + (transA ? "^T" : "") + " x [" + k + "x" + n + "]" + (transB ? "^T" : "")
                    + (accumulate ? " +=" : "");
        }
    }

    /** One shape's totals over the profiled interval. */
    public record Entry(Shape shape, long calls, double ms, double gflop) {
        public double gflopPerSecond() {
            return ms > 0 ? gflop / ms * 1000 : 0;
        }
    }

    private static final class Totals {
        final LongAdder nanos = new LongAdder();
        final LongAdder calls = new LongAdder();
    }

    public static boolean on() {
        return on;
    }

    /** Clears the totals and starts counting. */
    public static void start() {
        BY_SHAPE.clear();
        on = true;
    }

    /** Stops counting; the shapes' totals, the most time first. */
    public static List<Entry> stop() {
        on = false;
        List<Entry> out = new ArrayList<>();
        BY_SHAPE.forEach((s, t) -> out.add(new Entry(s, t.calls.sum(), t.nanos.sum() / 1e6, t.calls.sum() * s.flops() / 1e9)));
        out.sort(Comparator.comparingDouble(Entry::ms).reversed());
        return out;
    }

    static void record(int m, int k, int n, boolean transA, boolean transB, boolean accumulate, long nanos) {
        Totals t = BY_SHAPE.computeIfAbsent(new Shape(m, k, n, transA, transB, accumulate), s -> new Totals());
        t.nanos.add(nanos);
        t.calls.increment();
    }
}
