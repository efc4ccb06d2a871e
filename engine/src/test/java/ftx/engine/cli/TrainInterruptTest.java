package ftx.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or SIGTERM during `ftx train` saves the run before the JVM exits (a real process: the
 * shutdown hook must hold the JVM open until the checkpoint is written), and the run resumes.
 */
class TrainInterruptTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermSavesTheRunAtTheLastFinishedStep() throws Exception {
        Path out = tmp.resolve("run");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train",
                "--out", out.toString(), "--d-model", "16", "--layers", "2", "--heads", "2", "--ffn", "32",
                "--batch", "4", "--steps", "100000", "--save-every", "0").redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        Pattern step = Pattern.compile("^step (\\d+)/");
        int lastStep = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean signalled = false;
            while ((line = r.readLine()) != null) {
                log.append(line).append('\n');
                Matcher m = step.matcher(line);
                if (m.find()) {
                    lastStep = Integer.parseInt(m.group(1));
                    if (!signalled && lastStep >= 3) {
                        p.toHandle().destroy(); // SIGTERM (the same shutdown hooks as Ctrl-C), output kept open
                        signalled = true;
                    }
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the process ends after the signal");
        assertTrue(log.toString().contains("stopped at step"), "the outcome is reported before exit:\n" + log);
        JsonNode state = Json.MAPPER.readTree(Files.readString(out.resolve("trainer_state.json")));
        int saved = state.get("step").asInt();
        assertTrue(saved >= 3 && saved >= lastStep, "saved step " + saved + ", last printed " + lastStep);
        CliRun resumed = CliRun.of("train", "--resume", out.toString(), "--steps", String.valueOf(saved + 2));
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("finished " + (saved + 2) + " steps"), resumed.err());
    }
}
