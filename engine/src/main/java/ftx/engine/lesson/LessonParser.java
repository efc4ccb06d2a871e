package ftx.engine.lesson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a lesson file (assets/lessons/README.md documents the format): "# Title", an introduction,
 * then steps, each a "## Heading" followed by Markdown text and directive lines that start with
 * "@". Every problem is collected with its line, so that a teacher sees them all at once.
 */
public final class LessonParser {
    /** The largest lesson file read (a lesson is text; anything bigger is not one). */
    public static final long MAX_BYTES = 1 << 20;
    private static final Pattern VALUE = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
    private static final List<String> DIRECTIVES = List.of("page", "highlight", "do", "predict", "option", "option*",
            "reveal", "until", "scenario");

    /** What a lesson may refer to outside itself: null when name exists, else why not. */
    @FunctionalInterface
    public interface Resolver {
        String problem(String kind, String name);

        /** Accepts every model and file (the app checks them when the step runs). */
        Resolver ANY = (kind, name) -> null;

        /** Models under sampleModels/NAME (config.json), scenarios beside the lesson file. */
        static Resolver files(Path sampleModels, Path lessonFolder) {
            return (kind, name) -> switch (kind) {
                case "model" -> Files.isRegularFile(sampleModels.resolve(name).resolve("config.json")) ? null
                        : "no bundled model \"" + name + "\" (no " + sampleModels.resolve(name).resolve("config.json") + ")";
                case "sweep" -> Files.isRegularFile(sampleModels.resolve(name).resolve("results.json")) ? null
                        : "no sweep folder \"" + name + "\" (no " + sampleModels.resolve(name).resolve("results.json") + ")";
                case "scenario" -> Files.isRegularFile(lessonFolder.resolve(name)) ? null
                        : "no scenario file " + lessonFolder.resolve(name);
                default -> null;
            };
        }
    }

    private LessonParser() {
    }

    /** Reads and checks a lesson file; models and scenarios resolved as resolver says. */
    public static Lesson read(Path file, Resolver resolver) throws IOException, LessonFormatException {
        if (Files.size(file) > MAX_BYTES) {
            throw new LessonFormatException(file.toString(), List.of(new LessonProblem(1,
                    "the file is " + Files.size(file) + " bytes; a lesson is a text file under " + MAX_BYTES + " bytes")));
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new LessonFormatException(file.toString(), List.of(new LessonProblem(1,
                    "not UTF-8 text: a lesson is a Markdown file")));
        }
        return parse(text, file.toString(), resolver);
    }

    /** Parses lesson text; source names it in the exception's message. */
    public static Lesson parse(String text, String source, Resolver resolver) throws LessonFormatException {
        Builder b = new Builder(resolver);
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            b.line(i + 1, lines[i]);
        }
        Lesson lesson = b.finish(lines.length);
        if (!b.problems.isEmpty()) {
            b.problems.sort(java.util.Comparator.comparingInt(LessonProblem::line));
            throw new LessonFormatException(source, b.problems);
        }
        return lesson;
    }

    /** The {{names}} a text quotes, in order. */
    public static List<String> values(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = VALUE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The text with each {{name}} replaced by what value gives for it. */
    public static String fill(String text, Function<String, String> value) {
        Matcher m = VALUE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Collects the lesson line by line. */
    private static final class Builder {
        final List<LessonProblem> problems = new ArrayList<>();
        final Resolver resolver;
        String title;
        final StringBuilder intro = new StringBuilder();
        final List<LessonStep> steps = new ArrayList<>();
        // the step being read
        int stepLine;
        String stepTitle;
        StringBuilder text;
        StringBuilder reveal;
        String page;
        String highlight;
        LessonStep.Directive action;
        LessonStep.Directive check;
        String scenario;
        String question;
        int questionLine;
        List<String> options;
        int expected;
        final java.util.Set<String> seen = new java.util.HashSet<>();
        int displayOpen; // line of an unclosed $$, 0 when none

        Builder(Resolver resolver) {
            this.resolver = resolver;
        }

        void line(int n, String raw) {
            String line = raw.stripTrailing();
            if (title == null) {
                if (line.isBlank()) {
                    return;
                }
                if (line.startsWith("# ")) {
                    title = line.substring(2).trim();
                } else {
                    problem(n, "a lesson starts with its title, a line \"# Title\"");
                    title = "";
                }
                return;
            }
            if (line.startsWith("## ")) {
                closeStep(n);
                openStep(n, line.substring(3).trim());
                return;
            }
            if (line.startsWith("# ")) {
                problem(n, "only one \"# \" title per lesson; steps start with \"## \"");
                return;
            }
            if (line.startsWith("@")) {
                directive(n, line.substring(1).trim());
                return;
            }
            checkText(n, line);
            StringBuilder into = stepTitle == null ? intro : reveal != null ? reveal : text;
            into.append(line).append('\n');
        }

        void openStep(int n, String heading) {
            if (heading.isEmpty()) {
                problem(n, "a step needs a heading after \"## \"");
            }
            stepLine = n;
            stepTitle = heading;
            text = new StringBuilder();
            reveal = null;
            page = highlight = scenario = question = null;
            action = check = null;
            options = null;
            expected = -1;
            seen.clear();
        }

        void closeStep(int n) {
            if (displayOpen > 0) {
                problem(displayOpen, "a $$ formula opened here is not closed");
                displayOpen = 0;
            }
            if (stepTitle == null) {
                return;
            }
            LessonStep.Prediction prediction = null;
            if (question != null) {
                if (options == null || options.size() < 2) {
                    problem(questionLine, "a @predict question needs at least two @option lines");
                } else {
                    prediction = new LessonStep.Prediction(question, options, expected,
                            reveal == null ? "" : reveal.toString().strip());
                }
            }
            steps.add(new LessonStep(stepLine, stepTitle, text.toString().strip(), page, highlight, action, prediction,
                    check, scenario));
            stepTitle = null;
        }

        void directive(int n, String body) {
            if (stepTitle == null) {
                problem(n, "directives belong to a step: put a \"## Heading\" above");
                return;
            }
            int space = body.indexOf(' ');
            String word = space < 0 ? body : body.substring(0, space);
            String arg = space < 0 ? "" : body.substring(space + 1).trim();
            if (!DIRECTIVES.contains(word)) {
                problem(n, "unknown directive @" + word + "; the directives are @" + String.join(", @", DIRECTIVES));
                return;
            }
            if (!word.startsWith("option") && !seen.add(word)) {
                problem(n, "a second @" + word + " in this step (one per step)");
                return;
            }
            switch (word) {
                case "page" -> page = page(n, arg);
                case "highlight" -> highlight = word(n, arg, LessonVocabulary.CONTROLS, "control");
                case "do" -> action = verb(n, arg, LessonVocabulary.ACTIONS, "action");
                case "until" -> check = verb(n, arg, LessonVocabulary.CHECKS, "check");
                case "scenario" -> scenario = resolved(n, "scenario", arg);
                case "predict" -> {
                    if (arg.isEmpty()) {
                        problem(n, "@predict needs its question");
                    }
                    question = arg;
                    questionLine = n;
                    checkText(n, arg);
                }
                case "option", "option*" -> option(n, word, arg);
                case "reveal" -> {
                    if (question == null) {
                        problem(n, "@reveal shows the answer to a @predict question: ask one first");
                    }
                    reveal = new StringBuilder(arg.isEmpty() ? "" : arg + "\n");
                    checkText(n, arg);
                }
                default -> throw new IllegalStateException(word);
            }
        }

        void option(int n, String word, String arg) {
            if (question == null || reveal != null) {
                problem(n, "@option lines follow a @predict question (before its @reveal)");
                return;
            }
            if (arg.isEmpty()) {
                problem(n, "@" + word + " needs its answer text");
            }
            if (options == null) {
                options = new ArrayList<>();
            }
            if (word.equals("option*")) {
                if (expected >= 0) {
                    problem(n, "two expected answers (@option*); mark one");
                }
                expected = options.size();
            }
            options.add(arg);
        }

        String page(int n, String arg) {
            if (!LessonVocabulary.PAGES.contains(arg)) {
                problem(n, "no page \"" + arg + "\"; the pages are " + String.join(", ", LessonVocabulary.PAGES));
                return null;
            }
            return arg;
        }

        String word(int n, String arg, Map<String, String> table, String kind) {
            if (!table.containsKey(arg)) {
                problem(n, "no " + kind + " \"" + arg + "\"; the " + kind + "s are " + String.join(", ", table.keySet()));
                return null;
            }
            return arg;
        }

        LessonStep.Directive verb(int n, String body, Map<String, String> table, String kind) {
            int space = body.indexOf(' ');
            String word = space < 0 ? body : body.substring(0, space);
            String arg = space < 0 ? "" : body.substring(space + 1).trim();
            if (word(n, word, table, kind) == null) {
                return null;
            }
            boolean takes = LessonVocabulary.takesArgument(table, word);
            if (takes && arg.isEmpty()) {
                problem(n, "the " + kind + " " + word + " needs " + table.get(word));
                return null;
            }
            if (!takes && !arg.isEmpty()) {
                problem(n, "the " + kind + " " + word + " takes no argument, got \"" + arg + "\"");
                return null;
            }
            switch (word) {
                case "show-page", "page-shown" -> page(n, arg);
                case "load-model", "model-loaded" -> resolved(n, "model", arg);
                case "open-sweep" -> resolved(n, "sweep", arg);
                case "open-scenario" -> resolved(n, "scenario", arg);
                case "explain-bit", "bit-forced" -> bit(n, arg);
                default -> {
                }
            }
            return new LessonStep.Directive(word, arg);
        }

        void bit(int n, String arg) {
            try {
                if (Integer.parseInt(arg) >= 0 && Integer.parseInt(arg) < 16) {
                    return;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            problem(n, "a bit is a number 0..15, got \"" + arg + "\"");
        }

        String resolved(int n, String kind, String name) {
            if (name.isEmpty()) {
                problem(n, "the " + kind + " needs a name");
                return null;
            }
            String why = resolver.problem(kind, name);
            if (why != null) {
                problem(n, why);
            }
            return name;
        }

        /** Formulas that close, and live values that exist. */
        void checkText(int n, String line) {
            for (String name : values(line)) {
                if (!LessonVocabulary.VALUES.containsKey(name)) {
                    problem(n, "no live value {{" + name + "}}; the values are " + String.join(", ",
                            LessonVocabulary.VALUES.keySet()));
                }
            }
            String rest = line;
            int display = rest.indexOf("$$");
            while (display >= 0) {
                displayOpen = displayOpen > 0 ? 0 : n;
                rest = rest.substring(0, display) + rest.substring(display + 2);
                display = rest.indexOf("$$");
            }
            long singles = rest.replace("\\$", "").chars().filter(c -> c == '$').count();
            if (singles % 2 != 0) {
                problem(n, "a $ formula is not closed on its line (write \\$ for a dollar sign)");
            }
        }

        Lesson finish(int lines) {
            closeStep(lines);
            if (title == null) {
                problem(1, "the file is empty: a lesson starts with \"# Title\"");
                return null;
            }
            if (steps.isEmpty()) {
                problem(lines, "a lesson needs at least one step (\"## Heading\")");
            }
            return new Lesson(title, intro.toString().strip(), steps);
        }

        void problem(int n, String message) {
            problems.add(new LessonProblem(n, message));
        }
    }
}
