package ftx.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.kernels.Ops;
import ftx.engine.kernels.OpsChoice;
import ftx.engine.kernels.Simd;
import org.junit.jupiter.api.Test;

/** The backend report: this build is a CPU build; a CUDA build that fell back says so clearly. */
class EngineInfoTest {
    @Test
    void thisBuildAsksForTheCpuAndRunsOnIt() {
        EngineInfo e = EngineInfo.current();
        assertEquals("cpu", e.requested(), "the default build (no -Pcuda) asks for the CPU");
        assertTrue(e.summary().startsWith("CPU (ND4J native)"), e.summary());
        assertNull(e.fallbackMessage());
        if (OpsChoice.plainReason() == null) {
            assertTrue(e.simdOff() == null && e.summary().endsWith(", SIMD kernels"), "the tests run with the Vector API: " + e.summary());
        } else { // the suite on the plain operations (-Dftx.fastKernels=false) says so
            assertEquals("turned off (-Dftx.fastKernels=false)", e.simdOff());
            assertTrue(e.summary().endsWith("no SIMD kernels (slower: turned off (-Dftx.fastKernels=false))"), e.summary());
        }
    }

    @Test
    void theSimdKernelsSayWhyTheyAreOff() {
        EngineInfo e = new EngineInfo("CPU (ND4J native)", "CPU", 1, 2, "SkylakeX", "Java started without jdk.incubator.vector",
                "cpu");
        assertTrue(e.summary().endsWith("no SIMD kernels (slower: Java started without jdk.incubator.vector)"), e.summary());
        Ops before = OpsChoice.use(true);
        Simd.setEnabled(false);
        try {
            assertEquals("turned off (-Dftx.simd=false)", EngineInfo.current().simdOff());
            Simd.setEnabled(true);
            assertNull(EngineInfo.current().simdOff());
            OpsChoice.use(false);
            assertTrue(EngineInfo.current().simdOff().startsWith("plain ND4J chosen")
                    || EngineInfo.current().simdOff().contains("-Dftx.fastKernels=false"), EngineInfo.current().simdOff());
        } finally {
            Simd.setEnabled(true);
            OpsChoice.restore(before);
        }
    }

    @Test
    void aCudaBuildWithoutAGpuReportsTheFallbackToTheCpu() {
        EngineInfo e = new EngineInfo("CPU (ND4J native)", "CPU", 1, 2, "SkylakeX", null, "cuda");
        assertTrue(e.fallbackMessage().contains("runs on the CPU"), e.fallbackMessage());
        assertTrue(e.summary().contains("CUDA unavailable: fell back to the CPU"), e.summary());
        assertTrue(e.summary().contains("training on 2 threads, 1 OpenMP thread per op"), e.summary());
        assertNull(new EngineInfo("GPU (ND4J CUDA)", "CUDA device 0", 1, 1, "auto", null, "cuda").fallbackMessage());
    }
}
