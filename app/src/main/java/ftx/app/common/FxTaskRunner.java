package ftx.app.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The app's {@link TaskRunner}: one daemon worker thread for loading checkpoints, reading run
 * histories, encoding and generating, with both callbacks delivered on the FX thread. Training
 * has its own thread in {@code TrainingSession}.
 */
public final class FxTaskRunner implements TaskRunner {
    /** The one worker the whole app shares (work queues in order). */
    public static final FxTaskRunner INSTANCE = new FxTaskRunner();

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ftx-background");
        t.setDaemon(true);
        return t;
    });

    private FxTaskRunner() {
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        worker.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onDone.accept(result));
            } catch (Throwable e) {
                Platform.runLater(() -> onError.accept(e));
            }
        });
    }
}
