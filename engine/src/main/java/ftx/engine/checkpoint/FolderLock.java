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

/**
 * One writer per checkpoint folder: an operating-system lock on {@value #FILE} in the folder, held
 * while a run trains into it and released by the system when the process ends, even by kill -9.
 * The file names the holder, so a second writer is told which process has the folder.
 */
public final class FolderLock implements AutoCloseable {
    static final String FILE = ".ftx-lock";
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
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
        return new FolderLock(ch, lock);
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
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
