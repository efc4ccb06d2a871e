package ftx.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The backend report: this build is a CPU build; a CUDA build that fell back says so clearly. */
class EngineInfoTest {
    @Test
    void thisBuildAsksForTheCpuAndRunsOnIt() {
        EngineInfo e = EngineInfo.current();
        assertEquals("cpu", e.requested(), "the default build (no -Pcuda) asks for the CPU");
        assertTrue(e.summary().startsWith("CPU (ND4J native)"), e.summary());
        assertNull(e.fallbackMessage());
        assertTrue(e.simd() && e.summary().endsWith(", SIMD kernels"), "the tests run with the Vector API: " + e.summary());
    }

    @Test
    void aJvmWithoutTheVectorModuleSaysSoAndWhy() {
        EngineInfo e = new EngineInfo("CPU (ND4J native)", "CPU", 1, 2, "SkylakeX", false, "cpu");
        assertTrue(e.summary().contains("no SIMD kernels") && e.summary().contains("jdk.incubator.vector"), e.summary());
    }

    @Test
    void aCudaBuildWithoutAGpuReportsTheFallbackToTheCpu() {
        EngineInfo e = new EngineInfo("CPU (ND4J native)", "CPU", 1, 2, "SkylakeX", true, "cuda");
        assertTrue(e.fallbackMessage().contains("runs on the CPU"), e.fallbackMessage());
        assertTrue(e.summary().contains("CUDA unavailable: fell back to the CPU"), e.summary());
        assertTrue(e.summary().contains("training on 2 threads, 1 OpenMP thread per op"), e.summary());
        assertNull(new EngineInfo("GPU (ND4J CUDA)", "CUDA device 0", 1, 1, "auto", false, "cuda").fallbackMessage());
    }
}
