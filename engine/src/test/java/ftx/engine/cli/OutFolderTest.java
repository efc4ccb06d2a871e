package ftx.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --out} never costs the user a file, and options that cannot be honoured are bad usage (exit 2) before any work. */
class OutFolderTest {
    private static final String[] TINY = {"--d-model", "16", "--layers", "2", "--heads", "2", "--ffn", "32", "--batch", "4",
            "--latent-bits", "4", "--steps", "1"};

    @TempDir
    Path tmp;

    private static CliRun train(String out, String... more) {
        String[] argv = new String[3 + TINY.length + more.length];
        argv[0] = "train";
        argv[1] = "--out";
        argv[2] = out;
        System.arraycopy(TINY, 0, argv, 3, TINY.length);
        System.arraycopy(more, 0, argv, 3 + TINY.length, more.length);
        return CliRun.of(argv);
    }

    @Test
    void aFolderHoldingTheUsersFilesIsRefusedAndKeepsThem() throws Exception {
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine.resolve("sub"));
        Files.writeString(mine.resolve("thesis.txt"), "x");
        CliRun r = train(mine.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("thesis.txt") && r.err().contains("did not write"), r.err());
        assertEquals("x", Files.readString(mine.resolve("thesis.txt")));
        assertTrue(Files.isDirectory(mine.resolve("sub")));
        assertEquals(2, Files.list(mine).count(), "nothing was added either");
    }

    @Test
    void anEmptyPathOrAFileIsRefused() throws Exception {
        CliRun empty = train("");
        assertEquals(2, empty.code(), empty.err());
        assertTrue(empty.err().contains("empty path"), empty.err());

        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "mine");
        CliRun onFile = train(file.toString());
        assertEquals(2, onFile.code(), onFile.err());
        assertTrue(onFile.err().contains("is a file"), onFile.err());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void aNewOrEmptyFolderOrAnEarlierRunIsTaken() throws Exception {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run.toString()).code());
        CliRun again = train(run.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("replaces it"), again.err());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(0, train(empty.toString()).code());
    }

    @Test
    void aSweepFolderWithTheUsersNotesIsRefusedAndKeepsThem() throws Exception {
        Path sweep = tmp.resolve("sweep");
        Path row = Files.createDirectories(sweep.resolve("h4-kappa-1-bits"));
        Files.writeString(row.resolve("notes.md"), "my notes");
        CliRun r = CliRun.of("sweep", "--out", sweep.toString(), "--kappa-bits", "1", "--latent-bits", "4", "--d-model", "16",
                "--layers", "2", "--heads", "2", "--ffn", "32", "--batch", "4", "--steps", "1", "--groups", "2");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("notes.md"), r.err());
        assertEquals("my notes", Files.readString(row.resolve("notes.md")));

        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("todo.txt"), "mine");
        CliRun root = CliRun.of("sweep", "--out", other.toString(), "--kappa-bits", "1", "--steps", "1");
        assertEquals(2, root.code(), root.err());
        assertTrue(root.err().contains("todo.txt"), root.err());
    }

    @Test
    void valuesThatCannotBeHonouredAreBadUsageBeforeAnyWork() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            String[][] cases = {{"--steps", "-5"}, {"--batch", "0"}, {"--layers", "1000000"}, {"--batch", "2000000000"},
                    {"--d-model", "1000000000"}, {"--kl-budget", "nope"}, {"--task", "nope"}};
            for (String[] c : cases) {
                Path out = tmp.resolve("bad" + c[0] + c[1]);
                CliRun r = train(out.toString(), c);
                assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
                assertTrue(!r.err().contains("Exception") && !r.err().contains("at ftx."), r.err());
                assertTrue(!Files.exists(out), "nothing written for " + String.join(" ", c));
            }
        });
    }

    @Test
    void resumingToFewerStepsThanDoneFailsWithAMessage() {
        Path run = tmp.resolve("run");
        assertEquals(0, train(run.toString(), "--steps", "3").code());
        CliRun r = CliRun.of("train", "--resume", run.toString(), "--steps", "2");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("at step 3"), r.err());
    }
}
