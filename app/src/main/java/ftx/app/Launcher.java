package ftx.app;

import ftx.app.launch.DesktopProblem;
import ftx.app.launch.Relaunch;
import java.util.Optional;
import javafx.application.Application;

/**
 * Entry point on the class path (a main class that does not extend Application, as JavaFX
 * requires). A toolkit that cannot start (no GTK, no display) ends with one message saying what to
 * do and exit status 1, not a stack trace.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        Optional<Integer> child = Relaunch.ifPackaged(args); // packaged app: restart once with the measured BLAS settings
        if (child.isPresent()) System.exit(child.get());
        try {
            Application.launch(FtxApplication.class, args);
        } catch (RuntimeException | Error e) {
            Optional<String> message = DesktopProblem.explain(e);
            if (message.isEmpty()) {
                throw e;
            }
            System.err.println(message.get());
            System.exit(1);
        }
    }
}
