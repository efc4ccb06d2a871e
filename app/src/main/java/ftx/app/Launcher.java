package ftx.app;

import ftx.app.launch.Relaunch;
import java.util.Optional;
import javafx.application.Application;

/** Entry point on the class path (a main class that does not extend Application, as JavaFX requires). */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        Optional<Integer> child = Relaunch.ifPackaged(args); // packaged app: restart once with the measured BLAS settings
        if (child.isPresent()) System.exit(child.get());
        Application.launch(FtxApplication.class, args);
    }
}
