package ftx.app.generate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.app.generate.GenerationOutcome.Group;
import ftx.app.generate.GenerationOutcome.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON export of exactly the numbers the Generate page shows: settings, pins, every sample's
 * text, Z and factors, every group's agreement numbers, the comparison line and the time. The
 * factors and numbers are the task's ({@link SampleReading#factors()}, {@link GroupReading}), named
 * by the root's {@code task} ("synthetic", "reviews", or "none" for a vocabulary without them).
 */
final class OutcomeJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private OutcomeJson() {
    }

    static void write(GenerationOutcome o, String modelName, int latentBits, String task, Path file) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(tree(o, modelName, latentBits, task)));
    }

    static ObjectNode tree(GenerationOutcome o, String modelName, int latentBits, String task) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", modelName);
        root.put("latentBits", latentBits);
        root.put("task", task);
        root.put("kind", o.kind() == GenerationOutcome.Kind.FIGURE4 ? "figure4" : "bitPair");
        GenerateSettings s = o.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("prompt", s.prompt());
        settings.put("temperature", s.temperature());
        settings.put("seed", s.seed());
        settings.put("groups", s.groups());
        settings.put("samplesPerGroup", s.samplesPerGroup());
        settings.put("newSymbols", s.newSymbols());
        ints(root.putArray("pinnedZ"), o.pins());
        if (o.bit() >= 0) {
            root.put("bit", o.bit());
        }
        root.put("milliseconds", o.milliseconds());
        root.put("comparison", o.comparison());
        root.put("changesMarkedAgainst", o.comparedTo());
        root.put("sampleCount", o.sampleCount());
        ArrayNode groups = root.putArray("groups");
        for (Group g : o.groups()) {
            ObjectNode gn = groups.addObject();
            gn.put("title", g.title());
            gn.put("mode", g.mode().label());
            if (g.metrics() != null) {
                metrics(gn.putObject("metrics"), g.metrics());
            }
            ArrayNode samples = gn.putArray("samples");
            for (Sample sample : g.samples()) {
                ObjectNode sn = samples.addObject();
                sn.put("text", sample.text());
                sn.put("promptLength", sample.promptLength());
                ints(sn.putArray("z"), sample.z());
                sn.put("changedSymbols", sample.changedCount());
                if (sample.reading() != null) {
                    ObjectNode factors = sn.putObject("factors");
                    sample.reading().factors().forEach((name, value) -> put(factors, name, value));
                }
            }
        }
        return root;
    }

    private static void metrics(ObjectNode n, GroupReading m) {
        n.put("samples", m.samples());
        n.put("wellFormedSamples", m.wellFormedSamples());
        number(n, "wellFormed", m.wellFormed());
        number(n, m.agreementKey(), m.agreement());
        for (GroupReading.Measure measure : m.measures()) {
            number(n, measure.key(), measure.value());
        }
    }

    /** One factor of {@link SampleReading#factors()}. */
    private static void put(ObjectNode n, String name, Object value) {
        if (value instanceof Boolean b) {
            n.put(name, b);
        } else if (value instanceof Integer i) {
            n.put(name, i);
        } else if (value instanceof String s) {
            n.put(name, s);
        } else if (value instanceof int[] a) {
            ints(n.putArray(name), a);
        } else {
            throw new IllegalArgumentException("factor " + name + " has an unexpected type: " + value);
        }
    }

    /** NaN (too few well-formed samples) is written as null: JSON has no NaN. */
    private static void number(ObjectNode n, String name, double v) {
        if (Double.isNaN(v)) {
            n.putNull(name);
        } else {
            n.put(name, v);
        }
    }

    private static void ints(ArrayNode a, int[] values) {
        for (int v : values) {
            a.add(v);
        }
    }
}
