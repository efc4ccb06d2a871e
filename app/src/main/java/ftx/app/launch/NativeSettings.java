package ftx.app.launch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The thread and BLAS environment the engine runs fastest with on 2 cores (docs/PERFORMANCE.md):
 * one OpenMP thread, and OpenBLAS's SkylakeX kernel on an AVX-512 CPU. The same rules as
 * {@code jpackage/launcher-env.sh}, for launchers that cannot run a shell script. Values the user
 * exported win; {@code FTX_OPENBLAS_CORETYPE} overrides the kernel choice.
 */
public final class NativeSettings {
    private static final Pattern AVX512F = Pattern.compile("\\bavx512f\\b");

    private NativeSettings() {
    }

    /** The variables to add to {@code env}, given the CPU description from /proc/cpuinfo. */
    public static Map<String, String> additions(Map<String, String> env, String cpuinfo) {
        Map<String, String> add = new LinkedHashMap<>();
        if (!env.containsKey("OMP_NUM_THREADS")) add.put("OMP_NUM_THREADS", "1");
        String kernel = env.get("FTX_OPENBLAS_CORETYPE");
        if ((kernel == null || kernel.isEmpty()) && AVX512F.matcher(cpuinfo).find()) kernel = "SkylakeX";
        if (kernel != null && !kernel.isEmpty() && !kernel.equals(env.get("OPENBLAS_CORETYPE"))) {
            add.put("OPENBLAS_CORETYPE", kernel);
        }
        return add;
    }
}
