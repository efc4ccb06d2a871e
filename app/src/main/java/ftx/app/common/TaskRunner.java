package ftx.app.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The app's one way to run work off the FX thread: the work runs elsewhere and exactly one of the
 * callbacks runs afterwards on the FX thread. The app uses {@link FxTaskRunner}; tests pass
 * {@link #sameThread()}, which runs both on the calling thread. View-models take one from
 * {@code AppContext.tasks()}.
 */
@FunctionalInterface
public interface TaskRunner {
    <T> void run(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError);

    /** Runs the work and its callback on the calling thread, at once (tests). */
    static TaskRunner sameThread() {
        return TaskRunner::now;
    }

    private static <T> void now(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        T result;
        try {
            result = work.call();
        } catch (Throwable e) {
            onError.accept(e);
            return;
        }
        onDone.accept(result);
    }
}
