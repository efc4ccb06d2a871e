package ftx.app;

import ftx.app.shell.MainWindow;
import ftx.app.train.TrainViewModel;
import ftx.engine.EngineInfo;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * The desktop application. Closing the window while a run trains asks first; "Save and quit"
 * stops the run between steps and waits for its checkpoint, so nothing is lost.
 */
public final class FtxApplication extends Application {
    private TrainViewModel trainVm;

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> Platform.runLater(() -> {
            Alert a = new Alert(Alert.AlertType.ERROR, "Something went wrong: " + e);
            a.setHeaderText("Unexpected error in " + t.getName());
            a.show();
        }));
        AppContext ctx = AppContext.fromSystem();
        trainVm = new TrainViewModel(ctx.runs());
        MainWindow window = new MainWindow(ctx, trainVm, EngineInfo.current());
        Scene scene = new Scene(window, 1280, 820);
        scene.getStylesheets().add(FtxApplication.class.getResource("app.css").toExternalForm());
        window.installShortcuts(scene, trainVm);
        stage.setTitle("Free Transformer Explorer");
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (!trainVm.hasActiveRun()) {
                return;
            }
            e.consume();
            if (confirmQuit()) {
                trainVm.statusProperty().set("Saving the run before quitting...");
                try {
                    trainVm.stopAndWait(60_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                Platform.exit();
            }
        });
        stage.show();
    }

    private static boolean confirmQuit() {
        ButtonType save = new ButtonType("Save and quit", ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "A run is training. Quit now? The run is saved first and "
                + "can be continued from the Models page.", save, ButtonType.CANCEL);
        a.setHeaderText("Training in progress");
        return a.showAndWait().filter(b -> b == save).isPresent();
    }
}
