package ftx.engine.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per checkpoint folder: an operating-system lock on {@value #FILE} in the folder, held
 * while a run trains into it and released by the system when the process ends, even by kill -9.
 * The file names the holder, so a second writer is told which process has the folder.
 */
public final class FolderLock implements AutoCloseable {
    static final String FILE = ".ftx-lock";
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        HELD.add(dir);
    }

    /** True if this process holds dir's lock (a save within a run then needs no lock of its own). */
    static boolean heldHere(Path dir) {
        return HELD.contains(key(dir));
    }

    private static Path key(Path dir) {
        return dir.toAbsolutePath().normalize();
    }

    /**
     * Locks dir (created if needed) for writing; throws IllegalStateException naming the process
     * that holds it, or IOException if the folder cannot be written at all.
     */
    public static FolderLock acquire(Path dir, String holder) throws IOException {
        Files.createDirectories(dir);
        FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this process holds it already
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String other = holderOf(ch);
            ch.close();
            throw new IllegalStateException(dir + " is being written by another run (" + other
                    + "); wait for it to end, or give another folder");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", " + holder + ", since "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS)).getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(true);
        return new FolderLock(key(dir), ch, lock);
    }

    /** True if another run holds dir's lock now (false if it has none, or it cannot be checked). */
    static boolean isHeld(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock probe = ch.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String holderOf(FileChannel ch) {
        try {
            ByteBuffer b = ByteBuffer.allocate(512);
            ch.read(b, 0);
            String s = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? "a process that has not said which" : s;
        } catch (IOException e) {
            return "a process that cannot be named (" + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws IOException {
        HELD.remove(dir);
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
