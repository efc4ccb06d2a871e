package ftx.app;

import ftx.app.shell.CloseGuard;
import ftx.app.sweep.SweepViewModel;
import ftx.app.shell.MainWindow;
import ftx.app.shell.PulseMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import ftx.app.train.Preset;
import ftx.app.train.TrainViewModel;
import ftx.engine.generate.Warmup;
import ftx.engine.EngineInfo;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.image.Image;
import javafx.stage.Stage;

/**
 * The desktop application. Closing the window while a run trains asks first; "Save and quit"
 * stops the run between steps and waits for its checkpoint, so nothing is lost.
 */
public final class FtxApplication extends Application {
    private TrainViewModel trainVm;

    @Override
    public void start(Stage stage) {
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            e.printStackTrace(); // logged once, with its stack, for a bug report
            Platform.runLater(() -> {
                Alert a = new Alert(Alert.AlertType.ERROR, "Something went wrong: " + e);
                a.setHeaderText("Unexpected error in " + t.getName());
                a.show();
            });
        });
        AppContext ctx = AppContext.fromSystem();
        trainVm = new TrainViewModel(ctx.runs());
        MainWindow window = new MainWindow(ctx, trainVm, EngineInfo.current());
        Scene scene = new Scene(window, 1280, 820);
        scene.getStylesheets().add(FtxApplication.class.getResource("app.css").toExternalForm());
        window.installShortcuts(scene, trainVm);
        window.setDark("dark".equals(System.getProperty("ftx.theme"))); // -Dftx.theme=dark starts dark
        String page = System.getProperty("ftx.page"); // -Dftx.page=Sweep opens on that page
        if (page != null) {
            window.show(page);
        }
        getParameters().getUnnamed().stream().findFirst() // ./ftx-app FILE opens a scenario
                .ifPresent(file -> window.openScenario(java.nio.file.Path.of(file)));
        String model = System.getProperty("ftx.model"); // -Dftx.model=DIR loads that checkpoint at launch
        if (model != null) {
            java.nio.file.Path dir = java.nio.file.Path.of(model);
            ctx.open(new AppContext.ModelRef(dir.getFileName().toString(), dir, "loaded at launch"), m -> { },
                    e -> System.err.println("ftx-app: cannot load " + dir + ": " + e.getMessage()));
        }
        stage.setTitle("Free Transformer Explorer");
        stage.getIcons().add(new Image(FtxApplication.class.getResource("icon.png").toExternalForm()));
        stage.setScene(scene);
        CloseGuard guard = new CloseGuard(trainVm, FtxApplication::confirmQuit, Platform::exit);
        SweepViewModel sweeps = window.sweepViewModel();
        stage.setOnCloseRequest(e -> {
            guard.handle(e);
            if (!e.isConsumed() && sweeps.running.get()) { // a sweep: its finished rows are on disk already
                e.consume();
                if (confirmSweepQuit(sweeps.folder.get())) {
                    sweeps.stop();
                    Platform.exit();
                }
            }
        });
        stage.show();
        warmUp();
        diagnostics();
    }

    /**
     * Compiles the engine's generation kernels on a background thread while the person reads the
     * welcome page, so that the first demo answers at warm speed ({@link Warmup}); it only costs
     * CPU, and a failure there changes nothing a person sees.
     */
    private static void warmUp() {
        Thread t = new Thread(() -> {
            try {
                Warmup.run();
            } catch (RuntimeException | LinkageError e) {
                // an optimisation only: the real request meets the same problem and reports it
            }
        }, "ftx-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Developer diagnostics, off by default: -Dftx.autostart=true (or a preset name such as
     * PAPER_TOY) starts training at launch (screenshots, responsiveness checks); -Dftx.pulseLog=FILE
     * appends the FX pulse interval p50/p95 every 10 s.
     */
    private void diagnostics() {
        String auto = System.getProperty("ftx.autostart");
        if (auto != null) {
            if (!auto.equals("true")) {
                trainVm.applyPreset(Preset.valueOf(auto)); // e.g. PAPER_TOY
            }
            trainVm.start();
        }
        String log = System.getProperty("ftx.pulseLog");
        if (log != null) {
            PulseMonitor pulses = new PulseMonitor();
            pulses.start();
            Timeline t = new Timeline(new KeyFrame(Duration.seconds(10), e -> {
                double[] p = pulses.percentiles();
                try {
                    Files.writeString(Path.of(log), String.format(Locale.ROOT, "step %d pulse p50 %.1f ms p95 %.1f ms (%d frames)%n",
                            trainVm.stepProperty().get(), p[0], p[1], (long) p[2]), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                } catch (IOException ex) {
                    trainVm.errorProperty().set("cannot write the pulse log: " + ex.getMessage());
                }
            }));
            t.setCycleCount(Animation.INDEFINITE);
            t.play();
        }
    }

    private static boolean confirmSweepQuit(String folder) {
        ButtonType quit = new ButtonType("Quit", ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "A sweep is running. Its finished rows are saved in " + folder
                + "; the rows in flight stop, and Resume on the Sweep page runs them again.", quit, ButtonType.CANCEL);
        a.setHeaderText("Sweep in progress");
        return a.showAndWait().filter(b -> b == quit).isPresent();
    }

    private static boolean confirmQuit() {
        ButtonType save = new ButtonType("Save and quit", ButtonBar.ButtonData.OK_DONE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "A run is training. Quit now? The run is saved first and "
                + "can be continued from the Models page.", save, ButtonType.CANCEL);
        a.setHeaderText("Training in progress");
        return a.showAndWait().filter(b -> b == save).isPresent();
    }
}
