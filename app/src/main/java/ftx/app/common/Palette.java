package ftx.app.common;

import javafx.scene.paint.Color;

/**
 * Colours the canvas views draw with, for the light or the dark theme (the stylesheets colour
 * the controls; canvases are painted in code and ask here).
 */
public final class Palette {
    private static volatile boolean dark;
    /** Changes whenever the theme changes; canvas panes redraw then. */
    private static final javafx.beans.property.IntegerProperty VERSION = new javafx.beans.property.SimpleIntegerProperty();

    private Palette() {
    }

    /** Switches the canvas colours (call on the FX thread); every canvas pane redraws. */
    public static void setDark(boolean on) {
        dark = on;
        VERSION.set(VERSION.get() + 1);
    }

    static javafx.beans.property.IntegerProperty versionProperty() {
        return VERSION;
    }

    public static boolean isDark() {
        return dark;
    }

    public static Color background() {
        return dark ? Color.web("#23262d") : Color.web("#fbfbfd");
    }

    /** Titles and main labels. */
    public static Color text() {
        return dark ? Color.web("#e3e6ee") : Color.web("#333333");
    }

    /** Axis labels and secondary text. */
    public static Color muted() {
        return dark ? Color.web("#a9afbd") : Color.web("#555555");
    }

    /** Placeholder text of an empty view. */
    public static Color faint() {
        return dark ? Color.web("#7d8494") : Color.web("#888888");
    }

    public static Color frame() {
        return dark ? Color.web("#4a505c") : Color.web("#c8c8d0");
    }

    public static Color grid() {
        return dark ? Color.web("#31353e") : Color.web("#ececf2");
    }

    /** Highlight of the hovered column. */
    public static Color hover() {
        return dark ? Color.web("#4a4328") : Color.web("#fff3c4");
    }
}
