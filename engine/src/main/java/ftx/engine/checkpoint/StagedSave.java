package ftx.engine.checkpoint;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes a checkpoint's files into its folder so that neither a reader nor a crash ever finds the
 * folder without a complete checkpoint. The new files are written and fsynced in {@value #STAGING};
 * renaming that folder to {@value #COMMIT} (with a list of its files) commits the save; then each
 * file is renamed over its old version and the commit folder removed. A crash before the commit
 * leaves the previous checkpoint untouched (the staging folder is dropped by the next save or
 * load); a crash after it is finished by the next save or load ({@link #finish}). Readers take
 * each file from the commit folder while it holds it ({@link CheckpointSnapshot}). Files other
 * than the checkpoint's are never touched.
 */
final class StagedSave {
    static final String STAGING = ".ftx-staging";
    static final String COMMIT = ".ftx-commit";
    static final String MANIFEST = "files";

    /** Writes one file of the checkpoint. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path file) throws IOException;
    }

    /** Lets a test stop a save at a named point, as a kill would (what it throws skips every clean-up). */
    @FunctionalInterface
    interface Fault {
        Fault NONE = point -> { };

        void at(String point);
    }

    private StagedSave() {
    }

    /** Writes the files (name to content, in this order) as one save of the checkpoint in dir. */
    static void write(Path dir, Map<String, Content> files, Fault fault) throws IOException {
        Files.createDirectories(dir);
        finish(dir, Fault.NONE);
        Path staging = dir.resolve(STAGING);
        deleteTree(staging);
        Files.createDirectory(staging);
        try {
            for (Map.Entry<String, Content> f : files.entrySet()) {
                Path file = staging.resolve(f.getKey());
                f.getValue().writeTo(file);
                force(file);
                fault.at("wrote " + f.getKey());
            }
            Files.writeString(staging.resolve(MANIFEST), String.join("\n", files.keySet()), StandardCharsets.UTF_8);
            force(staging.resolve(MANIFEST));
            forceDirectory(staging);
        } catch (IOException | RuntimeException e) {
            deleteTree(staging); // the previous checkpoint was never touched
            throw e;
        }
        fault.at("staged");
        Files.move(staging, dir.resolve(COMMIT), StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(dir);
        fault.at("committed");
        finish(dir, fault);
    }

    /**
     * Completes a committed save (moves its remaining files into place, removes the checkpoint
     * files it does not have) and drops an uncommitted staging folder. Nothing to do after a
     * clean save.
     */
    static void finish(Path dir, Fault fault) throws IOException {
        Path commit = dir.resolve(COMMIT);
        if (Files.isDirectory(commit)) {
            List<String> names = manifest(commit);
            if (names != null) {
                for (String known : CheckpointFolder.FILES) {
                    if (!names.contains(known)) {
                        Files.deleteIfExists(dir.resolve(known)); // of an older save that had it
                    }
                }
                for (String name : names) {
                    Path from = commit.resolve(name);
                    if (Files.exists(from)) {
                        Files.move(from, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                        fault.at("moved " + name);
                    }
                }
                forceDirectory(dir);
            }
            deleteTree(commit); // the list goes last: while it exists, readers trust the commit folder
            forceDirectory(dir);
        }
        deleteTree(dir.resolve(STAGING));
    }

    /** The file names a commit folder holds for its save, or null if it has no list (its moves are done). */
    static List<String> manifest(Path commit) throws IOException {
        try {
            List<String> names = new ArrayList<>();
            for (String line : Files.readAllLines(commit.resolve(MANIFEST), StandardCharsets.UTF_8)) {
                if (CheckpointFolder.FILES.contains(line)) {
                    names.add(line);
                }
            }
            return names;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static void force(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Makes a folder's entries (renames, new files) durable; a file system that cannot is left as it is. */
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Windows cannot open a folder as a file; its renames are durable through NTFS's journal
        }
    }

    /** Deletes a folder of ours and all it holds; a missing folder is fine. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> s = Files.walk(dir)) {
            all = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
