package ftx.engine;

import org.nd4j.linalg.factory.Nd4j;

/**
 * What the engine runs on, as plain strings for the app's status bar and the CLI: the ND4J
 * backend (CPU or CUDA), its thread count and the OpenBLAS kernel chosen by the launcher.
 */
public record EngineInfo(String backend, String device, int threads, String blasCoreType) {

    public static EngineInfo current() {
        String backendClass = Nd4j.getBackend().getClass().getSimpleName();
        boolean cuda = backendClass.toLowerCase().contains("cuda");
        String core = System.getenv("OPENBLAS_CORETYPE");
        return new EngineInfo(cuda ? "GPU (ND4J CUDA)" : "CPU (ND4J native)", cuda ? "CUDA device 0" : "CPU",
                Nd4j.getEnvironment().maxThreads(), core == null ? "auto" : core);
    }

    /** One line for a status bar. */
    public String summary() {
        return backend + ", " + threads + (threads == 1 ? " thread" : " threads") + ", BLAS kernel " + blasCoreType;
    }
}
