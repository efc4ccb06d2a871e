package ftx.app.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ftx.app.generate.GenerateSettings;
import ftx.engine.lesson.LessonVocabulary;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario files: written atomically, read with every field checked, so that a file that is not a
 * scenario, or holds a wrong field, is refused with a sentence that names the problem before
 * anything in the app changes.
 */
public final class ScenarioJson {
    /** The largest scenario read: a scenario is a few hundred bytes. */
    public static final long MAX_BYTES = 1 << 20;
    /** The suffix the app proposes. */
    public static final String SUFFIX = ".ftx-scenario.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScenarioJson() {
    }

    /** Writes s to file atomically (a partial file moved over the target). */
    public static void write(Scenario s, Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", Scenario.FORMAT);
        root.put("version", Scenario.VERSION);
        ObjectNode model = root.putObject("model");
        model.put(s.bundled() ? "bundled" : "dir", s.model());
        root.put("page", s.page());
        if (s.generate() != null) {
            Scenario.Generate g = s.generate();
            ObjectNode n = root.putObject("generate");
            n.put("prompt", g.prompt());
            n.put("temperature", g.temperature());
            n.put("seed", g.seed());
            n.put("groups", g.groups());
            n.put("samplesPerGroup", g.samplesPerGroup());
            n.put("newSymbols", g.newSymbols());
            n.put("pins", g.pins());
            n.put("bit", g.bit());
            n.put("shown", g.shown());
        }
        if (s.inspect() != null) {
            ObjectNode n = root.putObject("inspect");
            n.put("text", s.inspect().text());
            n.put("seed", s.inspect().seed());
            n.put("mostLikely", s.inspect().mostLikely());
            ObjectNode edits = n.putObject("edits");
            s.inspect().edits().forEach((k, v) -> edits.put(String.valueOf(k), v));
        }
        if (s.lesson() != null) {
            ObjectNode n = root.putObject("lesson");
            n.put("file", s.lesson().file());
            n.put("step", s.lesson().step());
        }
        Path partial = file.resolveSibling(".partial-" + file.getFileName());
        Files.writeString(partial, JSON.writeValueAsString(root));
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a scenario; models and lessons are checked by the caller (they depend on the machine).
     *
     * @throws ScenarioException with the reason the file cannot be opened
     */
    public static Scenario read(Path file) throws ScenarioException {
        JsonNode root;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ScenarioException(file.getFileName() + " is not a scenario: it holds " + size
                        + " bytes, a scenario a few hundred");
            }
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            root = JSON.readTree(text);
        } catch (CharacterCodingException e) {
            throw new ScenarioException(file.getFileName() + " is not a scenario: it is not text (a scenario is a JSON file)");
        } catch (JsonProcessingException e) {
            throw new ScenarioException(file.getFileName() + " is not a scenario: it is not JSON ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new ScenarioException("Cannot read " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject() || !Scenario.FORMAT.equals(root.path("format").asText())) {
            throw new ScenarioException(file.getFileName() + " is not a scenario: it has no \"format\": \""
                    + Scenario.FORMAT + "\"");
        }
        if (root.path("version").asInt(-1) != Scenario.VERSION) {
            throw new ScenarioException("This scenario has version " + root.path("version") + "; this app reads version "
                    + Scenario.VERSION);
        }
        JsonNode model = root.path("model");
        boolean bundled = model.has("bundled");
        String name = text(model, bundled ? "bundled" : "dir", "model");
        String page = text(root, "page", "");
        if (!LessonVocabulary.PAGES.contains(page)) {
            throw new ScenarioException("The scenario's \"page\" is \"" + page + "\"; the pages are "
                    + String.join(", ", LessonVocabulary.PAGES));
        }
        return new Scenario(name, bundled, page, generate(root.get("generate")), inspect(root.get("inspect")),
                lesson(root.get("lesson")));
    }

    private static Scenario.Generate generate(JsonNode n) throws ScenarioException {
        if (n == null) {
            return null;
        }
        String shown = text(n, "shown", "generate");
        if (!shown.equals("figure4") && !shown.equals("bit-pair") && !shown.equals("none")) {
            throw new ScenarioException("The scenario's \"generate.shown\" is \"" + shown + "\"; it is figure4, bit-pair or none");
        }
        Scenario.Generate g = new Scenario.Generate(text(n, "prompt", "generate"), number(n, "temperature", "generate", 0, 5),
                (long) number(n, "seed", "generate", 0, Long.MAX_VALUE),
                (int) number(n, "groups", "generate", 1, GenerateSettings.MAX_GROUPS),
                (int) number(n, "samplesPerGroup", "generate", 1, GenerateSettings.MAX_SAMPLES),
                (int) number(n, "newSymbols", "generate", 1, 1000), text(n, "pins", "generate"),
                (int) number(n, "bit", "generate", 0, 15), shown);
        if (g.prompt().isEmpty()) {
            throw new ScenarioException("The scenario's \"generate.prompt\" is empty");
        }
        return g;
    }

    private static Scenario.Inspect inspect(JsonNode n) throws ScenarioException {
        if (n == null) {
            return null;
        }
        Map<Integer, Integer> edits = new LinkedHashMap<>();
        JsonNode e = n.path("edits");
        if (!e.isMissingNode() && !e.isObject()) {
            throw new ScenarioException("The scenario's \"inspect.edits\" must map positions to codes");
        }
        for (var it = e.fields(); it.hasNext(); ) {
            var f = it.next();
            try {
                int position = Integer.parseInt(f.getKey());
                if (position < 0 || !f.getValue().canConvertToInt() || f.getValue().asInt() < 0) {
                    throw new NumberFormatException();
                }
                edits.put(position, f.getValue().asInt());
            } catch (NumberFormatException x) {
                throw new ScenarioException("The scenario's \"inspect.edits\" has \"" + f.getKey() + "\": " + f.getValue()
                        + "; each entry is a position >= 0 and a code >= 0");
            }
        }
        JsonNode mostLikely = n.path("mostLikely");
        if (!mostLikely.isBoolean()) {
            throw new ScenarioException("The scenario's \"inspect.mostLikely\" must be true or false");
        }
        return new Scenario.Inspect(text(n, "text", "inspect"), (long) number(n, "seed", "inspect", 0, Long.MAX_VALUE),
                mostLikely.asBoolean(), edits);
    }

    private static Scenario.LessonStep lesson(JsonNode n) throws ScenarioException {
        if (n == null) {
            return null;
        }
        return new Scenario.LessonStep(text(n, "file", "lesson"), (int) number(n, "step", "lesson", 0, 1000));
    }

    private static String text(JsonNode n, String field, String section) throws ScenarioException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new ScenarioException("The scenario's \"" + (section.isEmpty() ? "" : section + ".") + field
                    + "\" is missing or not text");
        }
        return v.asText();
    }

    private static double number(JsonNode n, String field, String section, double min, double max) throws ScenarioException {
        JsonNode v = n.get(field);
        if (v == null || !v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw new ScenarioException("The scenario's \"" + section + "." + field + "\" is " + (v == null ? "missing"
                    : v.toString()) + "; it is a number from " + trim(min) + " to " + trim(max));
        }
        return v.asDouble();
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : v == Long.MAX_VALUE ? "2^63" : String.valueOf(v);
    }
}
