package ftx.app.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The app's one way to run work off the FX thread (loading checkpoints, reading run histories):
 * a single daemon worker, with both callbacks delivered on the FX thread. Training has its own
 * thread in {@code TrainingSession}.
 */
public final class Background {
    private static final ExecutorService WORKER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ftx-background");
        t.setDaemon(true);
        return t;
    });

    private Background() {
    }

    public static <T> void run(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        WORKER.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onDone.accept(result));
            } catch (Throwable e) {
                Platform.runLater(() -> onError.accept(e));
            }
        });
    }
}
