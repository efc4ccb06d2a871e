package ftx.engine.cli;

import ftx.engine.train.RunControl;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) during a training command: a shutdown hook asks the run to stop and then
 * holds the JVM open until the command has saved the run and printed its outcome (closing this),
 * at most two minutes. Without the wait the JVM halts as soon as the hook returns, mid-save.
 */
final class StopOnInterrupt implements AutoCloseable {
    private static final long MAX_WAIT_SECONDS = 120;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    StopOnInterrupt(RunControl control, String name) {
        hook = new Thread(() -> {
            control.stop();
            try {
                finished.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The command is done (saved, reported): the JVM may exit. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the JVM is exiting and the hook is running; it returns now
        }
    }
}
