package ftx.engine.cli;

import ftx.engine.lesson.Lesson;
import ftx.engine.lesson.LessonFormatException;
import ftx.engine.lesson.LessonParser;
import ftx.engine.lesson.LessonProblem;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code ftx lesson check FILE...}: validates lesson files and names the line of each problem. */
final class LessonCommand implements Command {
    @Override
    public String name() {
        return "lesson";
    }

    @Override
    public String summary() {
        return "check a lesson file: every problem with its line (ftx lesson check FILE...)";
    }

    @Override
    public String usage() {
        return """
                usage: ftx lesson check FILE... [--models DIR]
                  Reads each lesson file (the format: assets/lessons/README.md) as the app would and prints
                  FILE:LINE: PROBLEM for each problem, or FILE: ok with its steps. Models named by
                  load-model and model-loaded must exist under --models (sample-models), scenario files
                  beside the lesson. Exit status 0 when every file is ok, 1 otherwise.
                """;
    }

    @Override
    public boolean positional() {
        return true;
    }

    @Override
    public void run(Args args, PrintStream out, PrintStream err) throws Exception {
        List<String> words = args.positional();
        if (words.isEmpty() || !words.get(0).equals("check")) {
            throw new Args.UsageException("the lesson command is: ftx lesson check FILE...");
        }
        if (words.size() < 2) {
            throw new Args.UsageException("name at least one lesson file");
        }
        Path models = Path.of(args.string("models", "sample-models"));
        int bad = 0;
        for (String name : words.subList(1, words.size())) {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                err.println(name + ": no such file");
                bad++;
                continue;
            }
            Path folder = file.toAbsolutePath().getParent();
            try {
                Lesson lesson = LessonParser.read(file, LessonParser.Resolver.files(models, folder));
                out.println(name + ": ok, \"" + lesson.title() + "\", " + lesson.steps().size() + " steps");
            } catch (LessonFormatException e) {
                for (LessonProblem p : e.problems()) {
                    out.println(name + ":" + p.line() + ": " + p.message());
                }
                bad++;
            }
        }
        if (bad > 0) {
            throw new IllegalStateException(bad + " of " + (words.size() - 1) + " lesson file(s) have problems");
        }
    }
}
