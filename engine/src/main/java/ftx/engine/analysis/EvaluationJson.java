package ftx.engine.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.engine.analysis.SyntheticEvaluationReport.FreshDataReport;
import ftx.engine.analysis.SyntheticEvaluationReport.ModeReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An evaluation as the JSON that {@code ftx evaluate --json} prints and a sweep keeps per row
 * (the field names are the format; the README and the app's Figure 4 page read them).
 */
public final class EvaluationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EvaluationJson() {
    }

    /** A synthetic-task evaluation; allGroups keeps every group's texts ("groups"), else the first group only. */
    public static ObjectNode synthetic(String modelDir, SyntheticEvaluationReport r, boolean allGroups) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", modelDir);
        root.put("latentBits", r.latentBits());
        root.put("hasLatent", r.hasLatent());
        settings(root, r.settings());
        ObjectNode modes = root.putObject("modes");
        mode(modes, r.fresh(), allGroups);
        if (r.shared() != null) {
            mode(modes, r.shared(), allGroups);
        }
        FreshDataReport d = r.freshData();
        freshData(root, d, "klBeforeStart");
        ObjectNode info = root.putObject("startInformation");
        number(info, "collisionEstimate", r.startInformation());
        number(info, "collisionEntropyOfStart", r.startCollisionEntropy());
        number(info, "klUpperBound", d.klPerSequence());
        number(info, "startAgreementRatio", r.startAgreementRatio());
        info.put("unit", "nats");
        root.put("reading", FigureReading.of(r));
        return root;
    }

    private static void mode(ObjectNode modes, ModeReport m, boolean allGroups) {
        GroupMetrics g = m.metrics();
        ObjectNode o = modes.putObject(m.mode());
        o.put("groups", g.groups());
        o.put("samples", g.samples());
        o.put("wellFormedSamples", g.wellFormedSamples());
        number(o, "wellFormed", g.wellFormed());
        o.put("pairedGroups", g.pairedGroups());
        number(o, "startAgreement", g.startAgreement());
        number(o, "noiseOverlap", g.noiseOverlap());
        number(o, "crossGroupStartAgreement", g.crossGroupStartAgreement());
        number(o, "nearModeFraction", g.nearMode());
        number(o, "nearModeChance", g.nearModeChance());
        number(o, "nearAgreement", g.nearAgreement());
        number(o, "crossGroupNearAgreement", g.crossGroupNearAgreement());
        ObjectNode flaws = o.putObject("malformed");
        g.flaws().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> flaws.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue()));
        texts(o.putArray("firstGroup"), m.firstGroup());
        if (allGroups) {
            ArrayNode all = o.putArray("groupTexts");
            m.groups().forEach(group -> texts(all.addArray(), group));
        }
    }

    private static void texts(ArrayNode into, List<String> texts) {
        texts.forEach(into::add);
    }

    /** A reviews-task evaluation. */
    public static ObjectNode reviews(String modelDir, ReviewsEvaluation.Report r) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("model", modelDir);
        root.put("task", "reviews");
        root.put("latentBits", r.latentBits());
        settings(root, r.settings());
        ObjectNode modes = root.putObject("modes");
        mode(modes, r.fresh());
        if (r.shared() != null) {
            mode(modes, r.shared());
        }
        freshData(root, r.freshData(), "klBeforeReveal");
        ObjectNode info = root.putObject("sentimentInformation");
        number(info, "collisionEstimate", r.sentimentInformation());
        info.put("unit", "nats");
        return root;
    }

    private static void mode(ObjectNode modes, ReviewsEvaluation.Mode m) {
        ReviewGroupMetrics g = m.metrics();
        ObjectNode o = modes.putObject(m.mode());
        o.put("groups", g.groups());
        o.put("samples", g.samples());
        o.put("wellFormedSamples", g.wellFormedSamples());
        number(o, "wellFormed", g.wellFormed());
        o.put("mixedSamples", g.mixedSamples());
        number(o, "sentimentAgreement", g.sentimentAgreement());
        number(o, "crossGroupSentimentAgreement", g.crossGroupSentimentAgreement());
        number(o, "openingAgreement", g.openingAgreement());
        number(o, "goodFraction", g.goodFraction());
        texts(o.putArray("firstGroup"), m.firstGroup());
    }

    /** The evaluation settings as the "settings" object of root. */
    private static void settings(ObjectNode root, SyntheticEvaluation.Settings settings) {
        ObjectNode s = root.putObject("settings");
        s.put("groups", settings.groups());
        s.put("samplesPerGroup", settings.samplesPerGroup());
        s.put("freshData", settings.freshData());
        s.put("temperature", settings.temperature());
        s.put("seed", settings.seed());
        if (settings.letter() != 0) {
            s.put("letter", String.valueOf(settings.letter()));
        }
    }

    /** The fresh-data numbers as the "freshData" object of root; beforeName names the KL before the decision. */
    private static void freshData(ObjectNode root, FreshDataReport d, String beforeName) {
        ObjectNode fd = root.putObject("freshData");
        fd.put("sequences", d.sequences());
        number(fd, "ce", d.ce());
        number(fd, "klPerToken", d.klPerToken());
        number(fd, "klPerSequence", d.klPerSequence());
        number(fd, "cePrior", d.cePrior());
        number(fd, beforeName, d.klBeforeDecision());
    }

    /** NaN or an infinity (not measurable) as JSON null. */
    public static void number(ObjectNode o, String name, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(name);
        } else {
            o.put(name, v);
        }
    }
}
