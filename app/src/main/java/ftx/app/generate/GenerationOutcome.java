package ftx.app.generate;

import java.util.List;

/**
 * What one press of Generate (or of the bit action) produced, in plain values: the groups of
 * samples as shown, their decoded factors and agreement numbers, and the time it took.
 *
 * @param kind        the Figure 4 layout or the bit-h pair
 * @param settings    the settings it was generated with
 * @param pins        the pinned Z (-1 = free) it was generated with
 * @param bit         the forced bit for {@link Kind#BIT_PAIR}, -1 otherwise
 * @param groups      the groups in display order
 * @param comparison  one line comparing shared and fresh groups ("" when there is nothing to compare)
 * @param milliseconds wall time of the engine call(s)
 * @param comparedTo  what the {@link Sample#changed()} marks are relative to ("" when nothing is marked)
 */
public record GenerationOutcome(Kind kind, GenerateSettings settings, int[] pins, int bit, List<Group> groups,
                                String comparison, double milliseconds, String comparedTo) {
    /** The two layouts. */
    public enum Kind {
        /** One group with fresh Z, then G groups sharing one Z each (the paper's Figure 4). */
        FIGURE4,
        /** The same samples with bit h forced to 0 (first group) and to 1 (second group). */
        BIT_PAIR
    }

    /** What the Z of a group's samples is. */
    public enum Mode {
        FRESH("fresh"), SHARED("shared"), BASELINE("baseline"), BIT_ZERO("bit=0"), BIT_ONE("bit=1");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        /** The mode's name in the JSON export. */
        public String label() {
            return label;
        }
    }

    /**
     * A group of samples.
     *
     * @param title   the header shown above it
     * @param mode    how its samples got their Z
     * @param samples its samples
     * @param metrics what this group's members have in common (null when the task has no reading)
     */
    public record Group(String title, Mode mode, List<Sample> samples, GroupReading metrics) {
    }

    /**
     * One generated sequence.
     *
     * @param text         prompt followed by the new symbols
     * @param z            the Z index of every input position (empty for the baseline)
     * @param promptLength symbols of prompt at the start of text
     * @param reading      its task's factors (synthetic or reviews), or null for another vocabulary
     * @param changed      per symbol of text: differs from the reference (previous generation or the
     *                     other column); all false when there is no reference
     */
    public record Sample(String text, int[] z, int promptLength, SampleReading reading, boolean[] changed) {
        /** The same sample with other change marks. */
        Sample withChanged(boolean[] marks) {
            return new Sample(text, z, promptLength, reading, marks);
        }

        /** Number of symbols marked as changed. */
        public int changedCount() {
            int n = 0;
            for (boolean b : changed) {
                n += b ? 1 : 0;
            }
            return n;
        }
    }

    /** Number of samples in all groups. */
    public int sampleCount() {
        return groups.stream().mapToInt(g -> g.samples().size()).sum();
    }

    /** The same outcome with other groups and reference. */
    GenerationOutcome withGroups(List<Group> newGroups, String reference) {
        return new GenerationOutcome(kind, settings, pins, bit, newGroups, comparison, milliseconds, reference);
    }
}
