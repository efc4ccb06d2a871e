package ftx.app.generate;

import ftx.app.generate.GenerationOutcome.Group;
import ftx.app.generate.GenerationOutcome.Kind;
import ftx.app.generate.GenerationOutcome.Sample;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Draws a {@link GenerationOutcome}: a header per group with its agreement numbers, then one
 * monospace line per sample (prompt greyed, changed symbols marked with style class
 * {@code changed}) and its decoded factors ({@link SampleReading#label()}). The bit pair is drawn
 * as two columns side by side.
 */
final class SamplesPane {
    private SamplesPane() {
    }

    /** withinGroup: mark symbols that differ from the group's first sample instead of the previous generation. */
    static Node render(GenerationOutcome o, boolean withinGroup) {
        if (o.kind() == Kind.BIT_PAIR) {
            HBox columns = new HBox(16);
            for (Group g : o.groups()) {
                Node column = group(g, true, false);
                HBox.setHgrow(column, Priority.ALWAYS);
                columns.getChildren().add(column);
            }
            return columns;
        }
        VBox box = new VBox(4);
        for (Group g : o.groups()) {
            box.getChildren().add(group(g, false, withinGroup));
        }
        return box;
    }

    /** A group; stacked puts each sample's factors under it (the two columns of the bit pair). */
    private static Node group(Group g, boolean stacked, boolean withinGroup) {
        VBox box = new VBox(2);
        box.getStyleClass().add(GenerateStyles.GROUP);
        Label header = new Label(g.title());
        header.getStyleClass().add(GenerateStyles.GROUP_HEADER);
        box.getChildren().add(header);
        if (g.metrics() != null) {
            Label metrics = new Label(g.metrics().summary());
            metrics.getStyleClass().add("help-text");
            box.getChildren().add(metrics);
        }
        String first = g.samples().isEmpty() ? null : g.samples().get(0).text();
        for (Sample s : g.samples()) {
            box.getChildren().add(sample(s, stacked, withinGroup ? first : null));
        }
        return box;
    }

    /** reference: mark symbols that differ from it (null: mark the sample's own changes). */
    private static Node sample(Sample s, boolean stacked, String reference) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add(GenerateStyles.SAMPLE);
        flow.setMinWidth(Region.USE_PREF_SIZE); // one line per sample, never wrapped
        String text = s.text();
        boolean[] marks = reference == null ? s.changed() : differences(text, reference);
        String markClass = reference == null ? GenerateStyles.CHANGED : GenerateStyles.DIFFERS;
        int i = 0;
        while (i < text.length()) { // runs of symbols with the same (prompt, marked) style
            boolean prompt = i < s.promptLength();
            boolean changed = marks[i];
            int j = i + 1;
            while (j < text.length() && (j < s.promptLength()) == prompt && marks[j] == changed) {
                j++;
            }
            Text run = new Text(text.substring(i, j));
            run.getStyleClass().add(GenerateStyles.SYMBOLS);
            if (prompt) {
                run.getStyleClass().add(GenerateStyles.PROMPT);
            }
            if (changed) {
                run.getStyleClass().add(markClass);
            }
            flow.getChildren().add(run);
            i = j;
        }
        if (s.z().length > 0) {
            Tooltip.install(flow, new Tooltip("Z per input position: " + PinnedZ.format(s.z())));
        }
        if (s.reading() == null) {
            return flow;
        }
        return stacked ? new VBox(0, flow, factors(s.reading())) : new HBox(12, flow, factors(s.reading()));
    }

    static boolean[] differences(String text, String reference) {
        boolean[] d = new boolean[text.length()];
        for (int i = 0; i < d.length; i++) {
            d[i] = i >= reference.length() || text.charAt(i) != reference.charAt(i);
        }
        return d;
    }

    private static Label factors(SampleReading r) {
        Label l = new Label(r.label());
        l.getStyleClass().add(GenerateStyles.FACTORS);
        if (!r.wellFormed()) {
            l.getStyleClass().add(GenerateStyles.MALFORMED);
            l.setTooltip(new Tooltip(r.problem()));
        }
        l.setMinWidth(120);
        l.setMaxWidth(420);
        return l;
    }
}
