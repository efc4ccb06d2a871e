package ftx.app.testing;

import ftx.app.AppContext;
import ftx.app.FtxApplication;
import ftx.app.shell.MainWindow;
import ftx.app.train.TrainViewModel;
import ftx.engine.EngineInfo;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The app's main window on a stage, as the app builds it: its stylesheet and shortcuts, 1280 x 800 (the headless screen). */
public final class TestWindow {
    private TestWindow() {
    }

    public static MainWindow show(Stage stage, AppContext ctx, TrainViewModel train) {
        MainWindow window = new MainWindow(ctx, train, new EngineInfo("CPU (test)", "CPU", 1, 2, "auto", null, "cpu"));
        Scene scene = new Scene(window, 1280, 800);
        scene.getStylesheets().add(FtxApplication.class.getResource("app.css").toExternalForm());
        window.installShortcuts(scene, train);
        stage.setScene(scene);
        stage.show();
        return window;
    }
}
