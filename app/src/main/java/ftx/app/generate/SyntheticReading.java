package ftx.app.generate;

import ftx.engine.analysis.GroupMetrics;
import ftx.engine.analysis.SyntheticParse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic-task sample read by {@link SyntheticParse} (section 4.1 of the paper): the block's
 * start is the decision; groups are measured by the engine's {@link GroupMetrics}.
 *
 * @param parse the engine's parse of the sample
 */
public record SyntheticReading(SyntheticParse parse) implements SampleReading {
    /** Reads the tokens of one sample (prompt included). */
    static SyntheticReading of(int[] tokens) {
        return new SyntheticReading(SyntheticParse.of(tokens));
    }

    @Override
    public boolean wellFormed() {
        return parse.wellFormed();
    }

    @Override
    public String label() {
        if (!parse.wellFormed()) {
            return "malformed: " + parse.reason();
        }
        String choices = parse.startChoices() > 1 ? " (of " + parse.startChoices() + ")" : "";
        return "start " + parse.start() + choices + ", " + parse.noise().length + " noise";
    }

    @Override
    public String problem() {
        return parse.reason();
    }

    @Override
    public Object decision() {
        return parse.wellFormed() ? parse.start() : null;
    }

    @Override
    public Map<String, Object> factors() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("wellFormed", parse.wellFormed());
        f.put("start", parse.start());
        f.put("noise", parse.noise());
        f.put("noiseCount", parse.noise().length);
        f.put("reason", parse.reason());
        return f;
    }

    /** Start agreement, the paper's "same place (+-1)" and noise overlap of groups of synthetic readings. */
    static GroupReading measure(List<List<SampleReading>> groups) {
        GroupMetrics m = GroupMetrics.of(groups.stream()
                .map(g -> g.stream().map(r -> ((SyntheticReading) r).parse()).toList()).toList());
        return new GroupReading("start", m.samples(), m.wellFormedSamples(), m.wellFormed(), m.startAgreement(),
                List.of(GroupReading.Measure.percent("within \u00b11 of mode", "nearModeFraction", m.nearMode()),
                        GroupReading.Measure.fraction("noise overlap", "noiseOverlap", m.noiseOverlap())));
    }
}
