package ftx.app.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.Launcher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app started on a machine without GTK. The missing library is simulated without privileges:
 * the dynamic linker is pointed (LD_LIBRARY_PATH) at a folder whose libgtk-3.so.0 and
 * libgtk-x11-2.0.so.0 are empty files, so JavaFX's glass library cannot load, exactly as when the
 * package is absent (checked by hand too, with the real files hidden in a private mount namespace).
 * JavaFX opens the display before it loads GTK, so the test starts a real X server (Xvfb, which
 * .ci/run installs) on a free display number.
 */
class DesktopProblemTest {
    @Test
    void withoutGtkTheAppSaysWhatToInstallAndExits1WithoutAStackTrace(@TempDir Path dir) throws Exception {
        Files.createFile(dir.resolve("libgtk-3.so.0"));
        Files.createFile(dir.resolve("libgtk-x11-2.0.so.0"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-Dftx.home=" + dir.resolve("home"),
                "-cp", System.getProperty("java.class.path"), Launcher.class.getName());
        pb.environment().put("LD_LIBRARY_PATH", dir.toString());
        pb.redirectErrorStream(true);
        String out;
        Process p;
        try (VirtualDisplay display = VirtualDisplay.start()) {
            pb.environment().put("DISPLAY", display.name());
            p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher ended");
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("the GTK 3 library that JavaFX draws with is not installed"), out);
        assertTrue(out.contains("sudo apt-get install libgtk-3-0"), out);
        assertTrue(out.contains("./ftx --help"), out);
        assertFalse(out.contains("\tat "), "no stack trace: " + out);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void otherFailuresAreNotExplainedAway() {
        assertTrue(DesktopProblem.explain(new IllegalStateException("something else")).isEmpty());
        assertTrue(DesktopProblem.explain(new RuntimeException("wrapped",
                new UnsupportedOperationException("Unable to open DISPLAY"))).orElseThrow().contains("xvfb-run"));
    }
}
