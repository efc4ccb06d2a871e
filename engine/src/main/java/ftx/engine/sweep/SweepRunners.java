package ftx.engine.sweep;

import java.util.Map;
import java.util.ServiceLoader;

/** The runner for a {@code --master}: this computer by default, else the first provider that accepts it. */
public final class SweepRunners {
    /** The master that means this computer, rows in parallel in this process. */
    public static final String EMBEDDED = "embedded";

    private SweepRunners() {
    }

    public static SweepRunner forMaster(String master, int parallel, Map<String, String> settings) {
        if (master == null || master.isBlank() || master.equals(EMBEDDED)) {
            return new EmbeddedRunner(parallel);
        }
        for (SweepRunnerFactory f : ServiceLoader.load(SweepRunnerFactory.class)) {
            if (f.accepts(master)) {
                return f.create(master, settings);
            }
        }
        throw new IllegalArgumentException("--master " + master + " needs the Spark runner (the ftx-spark module), which"
                + " is not on this program's classpath; ./ftx adds it when --master is given (it builds spark/ on first"
                + " use), and the app finds it beside itself. Without it, rows run here: leave out --master.");
    }

    /** True when a runner for masters other than this computer is on the classpath. */
    public static boolean clusterRunnerPresent() {
        return ServiceLoader.load(SweepRunnerFactory.class).findFirst().isPresent();
    }
}
