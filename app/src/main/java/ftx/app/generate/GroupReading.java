package ftx.app.generate;

import java.util.List;

/**
 * What the members of a group (or of several groups) have in common, as the Generate page shows
 * it: the group measure of section 4.1 of the paper (Figure 4) for the model's task, computed by
 * the engine from the members' {@link SampleReading}s. Only well-formed members take part in pairs.
 *
 * @param decision          the decision compared, as the page names it ("start", "sentiment")
 * @param samples           samples in all groups
 * @param wellFormedSamples well-formed samples in all groups
 * @param wellFormed        wellFormedSamples / samples (NaN when there are no samples)
 * @param agreement         mean over groups of the fraction of pairs of well-formed members with the
 *                          same decision (NaN when no group has two well-formed members)
 * @param measures          the task's further numbers (noise overlap, opening agreement)
 */
public record GroupReading(String decision, int samples, int wellFormedSamples, double wellFormed, double agreement,
                           List<Measure> measures) {
    public GroupReading {
        measures = List.copyOf(measures);
    }

    /**
     * One further number of a group.
     *
     * @param name    as shown ("noise overlap")
     * @param key     its name in the JSON export ("noiseOverlap")
     * @param value   the number (NaN: too few well-formed samples)
     * @param percent shown as a percentage, else with two decimals
     */
    public record Measure(String name, String key, double value, boolean percent) {
        static Measure fraction(String name, String key, double value) {
            return new Measure(name, key, value, false);
        }

        static Measure percent(String name, String key, double value) {
            return new Measure(name, key, value, true);
        }

        /** The value as the page shows it. */
        public String shown() {
            return percent ? Format.percent(value) : Format.fraction(value);
        }
    }

    /** The JSON name of {@link #agreement()} ("startAgreement", "sentimentAgreement"). */
    public String agreementKey() {
        return decision + "Agreement";
    }

    /** The line under a group's header ("well formed 80% (4/5)   start agreement 50%   noise overlap 0.12"). */
    public String summary() {
        StringBuilder b = new StringBuilder("well formed " + Format.percent(wellFormed) + " (" + wellFormedSamples + "/"
                + samples + ")   " + decision + " agreement " + Format.percent(agreement));
        for (Measure m : measures) {
            b.append("   ").append(m.name()).append(' ').append(m.shown());
        }
        return b.toString();
    }

    /** The further measures against another reading's, "noise overlap 0.40 vs 0.10; " ("" when there are none). */
    String measuresVersus(GroupReading other) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < measures.size(); i++) {
            b.append(measures.get(i).name()).append(' ').append(measures.get(i).shown()).append(" vs ")
                    .append(other.measures().get(i).shown()).append("; ");
        }
        return b.toString();
    }
}
