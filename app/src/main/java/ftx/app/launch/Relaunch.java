package ftx.app.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restarts a packaged app once with {@link NativeSettings} in its environment. OpenBLAS and
 * OpenMP read their settings when the native library loads, before any Java code could set them,
 * and a jpackage launcher can pass JVM options but not environment variables; so the first
 * process starts its own launcher again as a child with the variables set, and exits with the
 * child's status. The child is marked so it never restarts again.
 */
public final class Relaunch {
    /** Set by jpackage's launcher to its own path. */
    static final String APP_PATH_PROPERTY = "jpackage.app-path";
    /** Present in the child's environment: the settings are applied. */
    static final String MARK = "FTX_NATIVE_SETTINGS";

    private Relaunch() {
    }

    /** The child's command line, or empty when this process should just run. */
    static Optional<List<String>> command(Map<String, String> env, String appPath,
                                          Map<String, String> additions, String[] args) {
        if (appPath == null || appPath.isEmpty() || env.containsKey(MARK) || additions.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(appPath);
        cmd.addAll(List.of(args));
        return Optional.of(cmd);
    }

    /**
     * Runs the child and returns its exit status if this process should restart, or empty if it
     * should go on (not packaged, already applied, nothing to change, or the restart failed: then
     * the app still runs, with ND4J's default settings, and says so on stderr).
     */
    public static Optional<Integer> ifPackaged(String[] args) {
        Map<String, String> env = System.getenv();
        Map<String, String> add = NativeSettings.additions(env, cpuinfo());
        Optional<List<String>> cmd = command(env, System.getProperty(APP_PATH_PROPERTY), add, args);
        if (cmd.isEmpty()) return Optional.empty();
        ProcessBuilder pb = new ProcessBuilder(cmd.get()).inheritIO();
        pb.environment().putAll(add);
        pb.environment().put(MARK, "1");
        // jpackage's launcher marks its children (_JPACKAGE_LAUNCHER) so that they act as a plain java
        // launcher; the child here is the app itself, so the mark must not reach it
        pb.environment().keySet().removeIf(k -> k.startsWith("_JPACKAGE"));
        try {
            return Optional.of(pb.start().waitFor());
        } catch (IOException e) {
            System.err.println("ftx: could not restart with " + add + " (" + e.getMessage()
                    + "); running with ND4J's default thread and BLAS settings");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }

    private static String cpuinfo() {
        try {
            return Files.readString(Path.of("/proc/cpuinfo"));
        } catch (IOException | RuntimeException e) {
            return ""; // not Linux, or unreadable: no kernel override
        }
    }
}
