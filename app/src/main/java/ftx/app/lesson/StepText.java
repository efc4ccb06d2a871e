package ftx.app.lesson;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A lesson's Markdown as nodes: paragraphs, "- " lists, **bold**, *italic*, `code`, inline $TeX$
 * and display $$TeX$$ formulas (drawn by {@link FormulaImage}). Live values are filled in before.
 * A formula that does not parse shows as its source with the reason, in the text's place.
 */
final class StepText {
    private StepText() {
    }

    /** The text as a column of paragraphs, at a font size, in colour; a display formula is scaled to fit width. */
    static VBox render(String markdown, double size, Color colour, javafx.beans.value.ObservableDoubleValue width) {
        VBox box = new VBox(size * 0.6);
        for (String block : blocks(markdown)) {
            String b = block.strip();
            if (b.startsWith("$$") && b.endsWith("$$") && b.length() >= 4) {
                Node display = formula(b.substring(2, b.length() - 2).strip(), size * 1.3, true, colour);
                if (display instanceof ImageView v) { // a wide formula shrinks to the panel, never widens it
                    double natural = v.getImage().getWidth();
                    v.setPreserveRatio(true);
                    v.fitWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                            () -> Math.max(40, Math.min(natural, width.get())), width));
                }
                javafx.scene.layout.HBox centred = new javafx.scene.layout.HBox(display);
                centred.setAlignment(javafx.geometry.Pos.CENTER);
                box.getChildren().add(centred);
            } else if (b.startsWith("- ")) {
                for (String item : b.split("\n(?=- )")) {
                    TextFlow f = flow("\u2022 " + item.substring(2).replace('\n', ' '), size, colour);
                    f.setStyle("-fx-padding: 0 0 0 " + size + ";");
                    box.getChildren().add(f);
                }
            } else {
                box.getChildren().add(flow(b.replace('\n', ' '), size, colour));
            }
        }
        return box;
    }

    /** Paragraphs separated by blank lines; a $$ ... $$ formula is a block of its own. */
    static List<String> blocks(String markdown) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inDisplay = false;
        for (String line : markdown.split("\n", -1)) {
            String t = line.strip();
            boolean toggles = t.startsWith("$$") && !(t.length() > 2 && t.endsWith("$$") && t.length() >= 4);
            if (!inDisplay && t.startsWith("$$")) {
                flush(out, cur);
                cur.append(t).append('\n');
                if (toggles) {
                    inDisplay = true;
                } else {
                    flush(out, cur);
                }
            } else if (inDisplay) {
                cur.append(t).append('\n');
                if (t.endsWith("$$")) {
                    inDisplay = false;
                    flush(out, cur);
                }
            } else if (t.isEmpty()) {
                flush(out, cur);
            } else {
                cur.append(line).append('\n');
            }
        }
        flush(out, cur);
        return out;
    }

    private static void flush(List<String> out, StringBuilder cur) {
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().replaceAll("\n+$", "").replace("$$\n", "$$ ").replace("\n$$", " $$"));
        }
        cur.setLength(0);
    }

    /** One paragraph with its inline marks. */
    static TextFlow flow(String text, double size, Color colour) {
        TextFlow f = new TextFlow();
        int i = 0;
        StringBuilder plain = new StringBuilder();
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == '$') {
                plain.append('$');
                i += 2;
                continue;
            }
            String mark = c == '$' ? "$" : text.startsWith("**", i) ? "**" : c == '*' ? "*" : c == '`' ? "`" : null;
            int end = mark == null ? -1 : text.indexOf(mark, i + mark.length());
            if (end < 0) {
                plain.append(c);
                i++;
                continue;
            }
            add(f, plain.toString(), size, colour, FontWeight.NORMAL, FontPosture.REGULAR, false);
            plain.setLength(0);
            String inner = text.substring(i + mark.length(), end);
            switch (mark) {
                case "$" -> f.getChildren().add(formula(inner, size * 1.1, false, colour));
                case "**" -> add(f, inner, size, colour, FontWeight.BOLD, FontPosture.REGULAR, false);
                case "*" -> add(f, inner, size, colour, FontWeight.NORMAL, FontPosture.ITALIC, false);
                default -> add(f, inner, size, colour, FontWeight.NORMAL, FontPosture.REGULAR, true);
            }
            i = end + mark.length();
        }
        add(f, plain.toString(), size, colour, FontWeight.NORMAL, FontPosture.REGULAR, false);
        return f;
    }

    private static void add(TextFlow f, String s, double size, Color colour, FontWeight w, FontPosture p, boolean code) {
        if (s.isEmpty()) {
            return;
        }
        Text t = new Text(s);
        t.setFont(code ? Font.font("Monospaced", w, p, size) : Font.font("System", w, p, size));
        t.setFill(colour);
        f.getChildren().add(t);
    }

    private static Node formula(String tex, double size, boolean display, Color colour) {
        try {
            ImageView v = new ImageView(FormulaImage.render(tex, size, display, colour));
            v.getStyleClass().add(display ? "lesson-formula-display" : "lesson-formula");
            v.setUserData(tex);
            if (!display) {
                v.setTranslateY(size * 0.25); // sits on the text's baseline
            }
            return v;
        } catch (IllegalArgumentException e) {
            Label l = new Label("$" + tex + "$ (" + e.getMessage() + ")");
            l.setTextFill(Color.web("#c0392b"));
            l.setWrapText(true);
            return l;
        }
    }
}
