package ftx.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.checkpoint.Checkpoint;
import ftx.engine.checkpoint.CheckpointStore;
import ftx.engine.task.Tasks;
import ftx.engine.train.Trainer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code ftx train} killed with SIGKILL at random moments, most of them during a save (it saves
 * every step): after every kill the folder loads and the run resumes from it. 4 kills by default;
 * {@code -Dftx.kills=20} for the full check.
 */
class KillDuringTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void aRunKilledAtRandomMomentsAlwaysLeavesAFolderThatLoadsAndResumes() throws Exception {
        int kills = Integer.getInteger("ftx.kills", 4);
        Path run = tmp.resolve("run");
        Random random = new Random(11);
        int lastStep = 0;
        int midSave = 0;
        for (int k = 0; k < kills; k++) {
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train"));
            if (k == 0) {
                cmd.addAll(List.of("--out", run.toString(), "--d-model", "16", "--layers", "2", "--heads", "2", "--ffn", "32",
                        "--latent-bits", "4", "--batch", "4", "--steps", "1000000", "--save-every", "1", "--threads", "1"));
            } else {
                cmd.addAll(List.of("--resume", run.toString()));
            }
            Path log = tmp.resolve("log-" + k + ".txt");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("saved ") && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(p.isAlive(), "the run ended by itself: " + Files.readString(log));
            Thread.sleep(random.nextInt(600));
            p.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up
            p.waitFor(30, TimeUnit.SECONDS);
            if (Files.exists(run.resolve(".ftx-staging")) || Files.exists(run.resolve(".ftx-commit"))) {
                midSave++;
            }
            Checkpoint c = CheckpointStore.load(run, DataType.FLOAT);
            int step = ((Number) c.resume().trainerState().get("step")).intValue();
            assertTrue(step >= lastStep, "kill " + k + ": the checkpoint went back from step " + lastStep + " to " + step);
            lastStep = step;
            assertEquals(step, Trainer.resume(c, Tasks.fromDescription(c.task()), 0).step());
        }
        System.err.println("KillDuringTrainingTest: " + kills + " kills, " + midSave + " of them during a save; last step "
                + lastStep + " (" + run + File.separator + ")");
    }
}
