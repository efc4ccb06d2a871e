package ftx.engine.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.kernels.BlasProfile;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * {@code ftx bench --products}: the matrix products of a training row's timed runs, per step:
 * their time summed over the training threads against the whole process's CPU time, and their
 * rate per shape. Each product runs single-threaded on the thread that calls it, so its wall
 * time is that thread's CPU time.
 */
record Products(List<BlasProfile.Entry> shapes, int steps, double processCpuMsPerStep) {
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    double msPerStep() {
        return shapes.stream().mapToDouble(BlasProfile.Entry::ms).sum() / steps;
    }

    double gflopPerStep() {
        return shapes.stream().mapToDouble(BlasProfile.Entry::gflop).sum() / steps;
    }

    /** GFLOP per second of product time (per busy core). */
    double gflopPerSecond() {
        return msPerStep() > 0 ? gflopPerStep() / msPerStep() * 1000 : 0;
    }

    void print(String row, PrintStream out) {
        out.printf("%nproducts in %s, per step: %.1f ms (summed over training threads) of %.1f ms process CPU (%.0f%%),"
                + " %.1f GFLOP at %.0f GFLOP/s%n", row, msPerStep(), processCpuMsPerStep,
                100 * msPerStep() / processCpuMsPerStep, gflopPerStep(), gflopPerSecond());
        out.printf("  %-36s %10s %10s %9s%n", "C = op(A) op(B)", "calls/step", "ms/step", "GFLOP/s");
        for (BlasProfile.Entry e : shapes) {
            out.printf("  %-36s %10.1f %10.2f %9.1f%n", e.shape(), (double) e.calls() / steps, e.ms() / steps,
                    e.gflopPerSecond());
        }
    }

    void toJson(ObjectNode o) {
        o.put("msPerStep", msPerStep());
        o.put("processCpuMsPerStep", processCpuMsPerStep);
        o.put("gflopPerStep", gflopPerStep());
        o.put("gflopPerSecond", gflopPerSecond());
        ArrayNode arr = o.putArray("shapes");
        for (BlasProfile.Entry e : shapes) {
            ObjectNode s = arr.addObject();
            s.put("shape", e.shape().toString());
            s.put("callsPerStep", (double) e.calls() / steps);
            s.put("msPerStep", e.ms() / steps);
            s.put("gflopPerSecond", e.gflopPerSecond());
        }
    }
}
