package ftx.app;

import javafx.application.Application;

/** Entry point on the class path (a main class that does not extend Application, as JavaFX requires). */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        Application.launch(FtxApplication.class, args);
    }
}
