package ftx.app.testing;

import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.testfx.api.FxRobot;

/** Looks at what a canvas drew (charts have no node per point to look up). */
public final class Pixels {
    private Pixels() {
    }

    /** Pixels of about colour c in a snapshot of the node. */
    public static int count(FxRobot robot, Node node, Color c) {
        AtomicReference<WritableImage> img = new AtomicReference<>();
        robot.interact(() -> img.set(node.snapshot(null, null)));
        int n = 0;
        var r = img.get().getPixelReader();
        for (int y = 0; y < img.get().getHeight(); y++) {
            for (int x = 0; x < img.get().getWidth(); x++) {
                Color p = r.getColor(x, y);
                if (Math.abs(p.getRed() - c.getRed()) < 0.08 && Math.abs(p.getGreen() - c.getGreen()) < 0.08
                        && Math.abs(p.getBlue() - c.getBlue()) < 0.08) {
                    n++;
                }
            }
        }
        return n;
    }

    /** True when the file starts with the PNG signature. */
    public static boolean isPng(java.nio.file.Path file) throws java.io.IOException {
        byte[] head = java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(file), 8);
        return java.util.Arrays.equals(head, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    }
}
