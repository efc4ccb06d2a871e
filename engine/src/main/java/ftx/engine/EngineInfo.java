package ftx.engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import ftx.engine.train.TrainingThreads;
import ftx.engine.kernels.OpsChoice;
import ftx.engine.kernels.Simd;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the engine runs on, as plain strings for the app's status bar and the CLI: the ND4J
 * backend (CPU or CUDA), its OpenMP threads per op, the threads a training step is split over
 * on the CPU ({@link TrainingThreads}, at the time of the call), the OpenBLAS kernel chosen by
 * the launcher, whether the CPU kernels run ({@link OpsChoice}, and {@link Simd}: the JVM needs
 * {@code --add-modules jdk.incubator.vector}), and, when this build asked for CUDA
 * ({@code mvn -Pcuda}) but ND4J fell back to the CPU, why.
 *
 * @param simdOff why the SIMD kernels are off on the CPU (plain operations chosen, or no Vector
 *                API), or null when they run (or on a GPU)
 * @param requested the backend the build asked for: "cpu" or "cuda"
 */
public record EngineInfo(String backend, String device, int threads, int trainingThreads, String blasCoreType,
                         String simdOff, String requested) {

    public static EngineInfo current() {
        boolean cuda = !OpsChoice.cpuBackend();
        String core = System.getenv("OPENBLAS_CORETYPE");
        String kernelsOff = cuda ? null : OpsChoice.plainReason() != null ? OpsChoice.plainReason() : Simd.offReason();
        return new EngineInfo(cuda ? "GPU (ND4J CUDA)" : "CPU (ND4J native)", cuda ? "CUDA device 0" : "CPU",
                Nd4j.getEnvironment().maxThreads(), cuda ? 1 : TrainingThreads.inUse(), core == null ? "auto" : core,
                kernelsOff, requestedBackend());
    }

    /** True when the engine runs on a GPU. */
    public boolean onGpu() {
        return backend.startsWith("GPU");
    }

    /** A sentence when CUDA was asked for but the CPU is used, else null. */
    public String fallbackMessage() {
        if ("cuda".equals(requested) && !onGpu()) {
            return "CUDA was requested (built with -Pcuda) but the CUDA backend could not start (no NVIDIA GPU, driver, "
                    + "or CUDA 11.6 runtime found), so the engine runs on the CPU.";
        }
        return null;
    }

    /** One line for a status bar. */
    public String summary() {
        String s = onGpu() ? backend : backend + ", training on " + trainingThreads
                + (trainingThreads == 1 ? " thread" : " threads") + ", " + threads + " OpenMP "
                + (threads == 1 ? "thread" : "threads") + " per op, BLAS kernel " + blasCoreType
                + (simdOff == null ? ", SIMD kernels" : ", no SIMD kernels (slower: " + simdOff + ")");
        return fallbackMessage() == null ? s : s + " (CUDA unavailable: fell back to the CPU)";
    }

    static String requestedBackend() {
        try (InputStream in = EngineInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return "cpu";
            }
            Properties p = new Properties();
            p.load(in);
            String r = p.getProperty("requested.backend", "cpu");
            return r.startsWith("${") ? "cpu" : r;
        } catch (IOException e) {
            return "cpu";
        }
    }
}
