package ftx.spark;

import ftx.engine.sweep.SweepRunner;
import ftx.engine.sweep.SweepRunnerFactory;
import java.util.Map;

/** Runs a sweep's rows on Apache Spark for {@code --master local[N]}, {@code spark://...}, {@code yarn} or {@code k8s://...}. */
public final class SparkRunnerFactory implements SweepRunnerFactory {
    @Override
    public boolean accepts(String master) {
        return master.equals("local") || master.matches("local\\[(\\d+|\\*)(,\\d+)?]") || master.startsWith("spark://")
                || master.equals("yarn") || master.startsWith("k8s://");
    }

    @Override
    public SweepRunner create(String master, Map<String, String> settings) {
        return new SparkSweepRunner(master, settings);
    }
}
