package ftx.engine.sweep;

import java.util.Map;

/**
 * Makes the runner for a {@code --master} other than this computer; a module that provides one
 * (the Spark module) lists its factory in {@code META-INF/services/ftx.engine.sweep.SweepRunnerFactory}.
 */
public interface SweepRunnerFactory {
    /** True when this factory runs rows on master ({@code local[2]}, {@code spark://host:7077}, ...). */
    boolean accepts(String master);

    /** The runner; settings are the runner's own options (e.g. {@code spark.executor.memory}). */
    SweepRunner create(String master, Map<String, String> settings);
}
