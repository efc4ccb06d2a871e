package ftx.app.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RelaunchTest {
    private static final String AVX512 = "flags\t\t: fpu sse avx2 avx512f avx512dq\n";
    private static final String AVX2 = "flags\t\t: fpu sse avx2 avx512_fake\n";

    @Test
    void measuredSettingsOnAnAvx512Cpu() {
        assertEquals(Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_CORETYPE", "SkylakeX"),
                NativeSettings.additions(Map.of(), AVX512));
    }

    @Test
    void noKernelOverrideWithoutAvx512() {
        assertEquals(Map.of("OMP_NUM_THREADS", "1"), NativeSettings.additions(Map.of(), AVX2));
    }

    @Test
    void exportedValuesWinAndTheOverrideIsHonoured() {
        assertEquals(Map.of(), NativeSettings.additions(
                Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_CORETYPE", "SkylakeX"), AVX512));
        assertEquals(Map.of("OPENBLAS_CORETYPE", "Haswell"), NativeSettings.additions(
                Map.of("OMP_NUM_THREADS", "2", "FTX_OPENBLAS_CORETYPE", "Haswell"), AVX512));
    }

    @Test
    void restartsOnlyAPackagedAppThatIsNotYetMarked() {
        Map<String, String> add = Map.of("OMP_NUM_THREADS", "1");
        String[] args = {"--x"};
        assertEquals(List.of("/opt/ftx/bin/ftx", "--x"),
                Relaunch.command(Map.of(), "/opt/ftx/bin/ftx", add, args).orElseThrow());
        assertTrue(Relaunch.command(Map.of(), null, add, args).isEmpty(), "not packaged");
        assertTrue(Relaunch.command(Map.of(Relaunch.MARK, "1"), "/opt/ftx/bin/ftx", add, args).isEmpty(),
                "the child never restarts");
        assertTrue(Relaunch.command(Map.of(), "/opt/ftx/bin/ftx", Map.of(), args).isEmpty(),
                "nothing to change");
    }
}
