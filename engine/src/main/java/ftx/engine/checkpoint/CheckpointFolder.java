package ftx.engine.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a checkpoint folder may hold, and the checks before a run writes into one: the folder is
 * new, empty, or a checkpoint folder this tool wrote (it holds nothing but the files below), so
 * that a run never overwrites or deletes anything of the user's.
 */
public final class CheckpointFolder {
    /** The checkpoint's own files, in the order a save writes them. */
    static final List<String> FILES = List.of(CheckpointStore.OPTIMIZER, CheckpointStore.TRAINER_STATE,
            CheckpointStore.WEIGHTS, CheckpointStore.CONFIG);
    private static final Set<String> OURS = Set.of(CheckpointStore.CONFIG, CheckpointStore.WEIGHTS, CheckpointStore.OPTIMIZER,
            CheckpointStore.TRAINER_STATE, StagedSave.STAGING, StagedSave.COMMIT, FolderLock.FILE);

    private CheckpointFolder() {
    }

    /**
     * Throws IllegalArgumentException, saying why, unless dir can take a run's checkpoints: a path
     * that is not empty, and a folder that does not exist yet, is empty, or holds only a checkpoint.
     */
    public static void requireWritable(Path dir) {
        if (dir.toString().isBlank()) {
            throw new IllegalArgumentException("the output folder is an empty path; give the folder for the run");
        }
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is a file, not a folder; give a new folder for the run");
        }
        List<String> foreign = foreignEntries(dir);
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds files this tool did not write (" + String.join(", ", foreign)
                    + "); a run writes to a new folder, an empty one, or one of its own checkpoint folders");
        }
    }

    /** True if dir exists and holds a checkpoint (its config), possibly mid-save. */
    public static boolean holdsCheckpoint(Path dir) {
        return Files.isRegularFile(dir.resolve(CheckpointStore.CONFIG)) || Files.isDirectory(dir.resolve(StagedSave.COMMIT));
    }

    /** Up to five entries of dir that no checkpoint has (with a trailing / for folders). */
    static List<String> foreignEntries(Path dir) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.sorted().forEach(p -> {
                String name = p.getFileName().toString();
                if (!OURS.contains(name) && out.size() < 5) {
                    out.add(name + (Files.isDirectory(p) ? "/" : ""));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Refuses (IllegalArgumentException) a save of about {@code bytes} where the file system has
     * less free space, so a full disk is found before training, not at the first save.
     */
    public static void requireSpace(Path dir, long bytes) throws IOException {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        long free = Files.getFileStore(existing).getUsableSpace();
        if (free < bytes) {
            throw new IllegalArgumentException("not enough disk space for the checkpoints in " + dir + ": a save needs about "
                    + (bytes >> 20) + " MiB, the disk has " + (free >> 20) + " MiB free");
        }
    }

    /** Removes the hidden siblings an earlier version left beside dir when it was killed mid-save. */
    static void removeLegacySiblings(Path dir) throws IOException {
        for (Path p : legacySiblings(dir.toAbsolutePath())) {
            StagedSave.deleteTree(p);
        }
    }

    /**
     * The hidden siblings an earlier version of this tool left beside dir when it was killed
     * mid-save ({@code .NAME.tmp-*} it was writing, {@code .NAME.old-*} it had moved aside), the
     * newest temporary folder first.
     */
    static List<Path> legacySiblings(Path abs) throws IOException {
        Path parent = abs.getParent();
        if (parent == null || abs.getFileName() == null || !Files.isDirectory(parent)) {
            return List.of();
        }
        String tmp = "." + abs.getFileName() + ".tmp-";
        String old = "." + abs.getFileName() + ".old-";
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().startsWith(tmp) || p.getFileName().toString().startsWith(old))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().startsWith(old))
                            .thenComparing(Comparator.comparing(Path::toString).reversed()))
                    .toList();
        }
    }
}
