package ftx.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.app.inside.ModelDiagram;
import ftx.app.sweep.PhaseData;
import ftx.app.sweep.PhaseDiagram;
import ftx.app.sweep.PhasePoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The canvases a mouse operates are operable from the keyboard too: Tab reaches them, they show a
 * focus outline, arrows move their cursor and Enter or Space does what a click does. (Inspect's bit
 * grid: InspectUiTest; its bit dictionary: BitDictionaryUiTest.)
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardCanvasTest {
    private final List<String> opened = new ArrayList<>();
    private final AtomicReference<PhasePoint> openedRow = new AtomicReference<>();
    private ModelDiagram diagram;
    private PhaseDiagram phase;
    private Button before;

    @Start
    void start(Stage stage) throws Exception {
        diagram = new ModelDiagram(false, opened::add);
        phase = new PhaseDiagram();
        phase.setData(PhaseData.fromResults(new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Path.of("../sample-models/phase-diagram/results.json").toFile())));
        phase.setOnOpen(openedRow::set);
        before = new Button("before");
        VBox root = new VBox(before, diagram, phase);
        Scene scene = new Scene(root, 900, 780);
        scene.getStylesheets().add(ftx.app.FtxApplication.class.getResource("app.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void tabReachesTheDiagramAndThePhaseDiagramAndTheirKeysActLikeClicks(FxRobot robot) {
        robot.interact(before::requestFocus);
        robot.type(KeyCode.TAB);
        assertTrue(diagram.isFocused(), "Tab reaches the model diagram");
        assertTrue(diagram.getStyleClass().contains("keyboard-canvas"), "with a focus outline");
        robot.type(KeyCode.DOWN, KeyCode.DOWN).type(KeyCode.ENTER);
        assertEquals(1, opened.size(), "Enter opens the box under the cursor");
        String second = opened.get(0);
        robot.type(KeyCode.UP).type(KeyCode.SPACE);
        assertEquals(2, opened.size());
        assertTrue(!second.equals(opened.get(1)), "Up moved to another box: " + opened);

        robot.type(KeyCode.TAB);
        assertTrue(phase.isFocused(), "Tab reaches the phase diagram");
        Node focused = robot.targetWindow().getScene().getFocusOwner();
        assertEquals(phase, focused);
        robot.type(KeyCode.RIGHT, KeyCode.RIGHT).type(KeyCode.ENTER);
        assertTrue(openedRow.get() != null, "Enter opens the row of the dot under the cursor");
    }
}
