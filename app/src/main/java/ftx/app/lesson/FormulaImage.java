package ftx.app.lesson;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javafx.scene.paint.Color;
import org.scilab.forge.jlatexmath.ParseException;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * A TeX formula drawn by JLaTeXMath into an image: Java2D only, so the same code runs in the app,
 * headless in the tests, and in a PNG export.
 */
final class FormulaImage {
    private FormulaImage() {
    }

    /**
     * The formula at a font size in pixels, in colour; display = a formula on its own line.
     *
     * @throws IllegalArgumentException with JLaTeXMath's message when the TeX does not parse
     */
    static Image render(String tex, double size, boolean display, Color colour) {
        TeXIcon icon;
        try {
            icon = new TeXFormula(tex).createTeXIcon(display ? TeXConstants.STYLE_DISPLAY : TeXConstants.STYLE_TEXT,
                    (float) size);
        } catch (ParseException | IllegalStateException e) {
            throw new IllegalArgumentException("the formula $" + tex + "$ does not read as TeX: " + e.getMessage(), e);
        }
        int w = Math.max(1, icon.getIconWidth());
        int h = Math.max(1, icon.getIconHeight());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        icon.setForeground(new java.awt.Color((float) colour.getRed(), (float) colour.getGreen(), (float) colour.getBlue()));
        icon.paintIcon(null, g, 0, 0);
        g.dispose();
        return SwingFXUtils.toFXImage(img, null);
    }
}
