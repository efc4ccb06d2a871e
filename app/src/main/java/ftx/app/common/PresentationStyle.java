package ftx.app.common;

import javafx.scene.Node;

/**
 * Presentation mode's look, shared by the pages: controls a class does not need (exports, file
 * buttons, the full property sheet) carry the "advanced" style class and are taken out of the
 * layout while presenting; the root's "presentation" class sets large type and high contrast
 * (app.css).
 */
public final class PresentationStyle {
    /** Style class of a control hidden while presenting. */
    public static final String ADVANCED = "advanced";
    /** Style class of the scene's root while presenting. */
    public static final String ROOT = "presentation";

    private PresentationStyle() {
    }

    /** Shows or hides every advanced control under root (also on pages not shown now). */
    public static void apply(Node root, boolean presenting) {
        NodeWalk.each(root, n -> {
            if (n.getStyleClass().contains(ADVANCED)) {
                n.setVisible(!presenting);
                n.setManaged(!presenting);
            }
        });
    }
}
