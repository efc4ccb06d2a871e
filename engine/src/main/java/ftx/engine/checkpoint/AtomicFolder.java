package ftx.engine.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Replaces a folder by a fully written sibling with renames only, so readers see old or new, never half. */
final class AtomicFolder {
    private AtomicFolder() {
    }

    /** Moves the finished folder tmp to target; an existing target is renamed aside first, then deleted. */
    static void replace(Path tmp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the previous one back
            }
            throw e;
        }
        if (old != null) {
            deleteQuietly(old);
        }
    }

    /** rwxr-xr-x where the file system has POSIX permissions. */
    static void makeReadable(Path dir) throws IOException {
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException ignored) {
                    // best effort: a leftover hidden folder is harmless
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
