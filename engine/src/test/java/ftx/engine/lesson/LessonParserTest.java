package ftx.engine.lesson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ftx.engine.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonParserTest {
    private static final String GOOD = """
            # A lesson

            An introduction.

            ## First
            @page Generate
            @highlight generate.generate
            Some text with $\\kappa$ and {{model.kappa}}.
            $$
            \\log_2 57
            $$
            @predict Will they agree?
            @option No
            @option* Yes
            @do generate
            @until generated
            @reveal They agree {{generate.shared}}.
            More reveal.

            ## Second
            @do explain-bit 3
            @until bit-forced 3
            """;

    @Test
    void aLessonReadsIntoItsSteps() throws Exception {
        Lesson l = LessonParser.parse(GOOD, "good.md", LessonParser.Resolver.ANY);
        assertEquals("A lesson", l.title());
        assertEquals("An introduction.", l.introduction());
        assertEquals(2, l.steps().size());
        LessonStep first = l.steps().get(0);
        assertEquals(5, first.line());
        assertEquals("First", first.title());
        assertEquals("Generate", first.page());
        assertEquals("generate.generate", first.highlight());
        assertEquals(new LessonStep.Directive("generate", ""), first.action());
        assertEquals(new LessonStep.Directive("generated", ""), first.check());
        assertEquals(List.of("No", "Yes"), first.predict().options());
        assertEquals(1, first.predict().expected());
        assertEquals("They agree {{generate.shared}}.\nMore reveal.", first.predict().reveal());
        assertTrue(first.text().startsWith("Some text with $\\kappa$ and {{model.kappa}}.\n$$"), first.text());
        assertEquals(new LessonStep.Directive("explain-bit", "3"), l.steps().get(1).action());
        assertEquals("x 0.125 y", LessonParser.fill("x {{ model.kappa }} y", v -> v.equals("model.kappa") ? "0.125" : "?"));
    }

    @Test
    void everyProblemIsNamedWithItsLine() {
        String bad = """
                # T
                @page Generate
                ## s
                @do load-model
                @until bogus
                @highlight nowhere
                @predict Q?
                @option only one
                text {{no.such}} and $unclosed
                @page Nope
                @page Generate
                ## t
                $$ never closed
                """;
        LessonFormatException e = assertThrows(LessonFormatException.class,
                () -> LessonParser.parse(bad, "bad.md", LessonParser.Resolver.ANY));
        List<String> got = e.problems().stream().map(LessonProblem::toString).toList();
        assertEquals(List.of(
                "line 2: directives belong to a step: put a \"## Heading\" above",
                "line 4: the action load-model needs NAME: loads the bundled model sample-models/NAME",
                "line 5: no check \"bogus\"; the checks are " + String.join(", ", LessonVocabulary.CHECKS.keySet()),
                "line 6: no control \"nowhere\"; the controls are " + String.join(", ", LessonVocabulary.CONTROLS.keySet()),
                "line 7: a @predict question needs at least two @option lines",
                "line 9: no live value {{no.such}}; the values are " + String.join(", ", LessonVocabulary.VALUES.keySet()),
                "line 9: a $ formula is not closed on its line (write \\$ for a dollar sign)",
                "line 10: no page \"Nope\"; the pages are " + String.join(", ", LessonVocabulary.PAGES),
                "line 11: a second @page in this step (one per step)",
                "line 13: a $$ formula opened here is not closed"), got);
    }

    @Test
    void notALessonAtAll(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("x.md");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, (byte) 0xfe, 0, 1});
        assertTrue(assertThrows(LessonFormatException.class, () -> LessonParser.read(png, LessonParser.Resolver.ANY))
                .getMessage().contains("not UTF-8 text"));
        assertTrue(assertThrows(LessonFormatException.class, () -> LessonParser.parse("", "e.md", LessonParser.Resolver.ANY))
                .getMessage().contains("the file is empty"));
        assertTrue(assertThrows(LessonFormatException.class, () -> LessonParser.parse("# Only a title\n", "t.md",
                LessonParser.Resolver.ANY)).getMessage().contains("at least one step"));
    }

    @Test
    void theCommandChecksTheBundledLessonsAndNamesTheLineOfEachProblem(@TempDir Path dir) throws Exception {
        Path root = repositoryRoot();
        Path lessons = root.resolve("assets/lessons");
        List<String> files;
        try (var s = Files.list(lessons)) {
            files = s.filter(f -> f.toString().endsWith(".md") && !f.getFileName().toString().equals("README.md"))
                    .map(Path::toString).sorted().toList();
        }
        assertEquals(2, files.size(), "the two bundled lessons");
        String[] args = new String[files.size() + 4];
        args[0] = "lesson";
        args[1] = "check";
        for (int i = 0; i < files.size(); i++) {
            args[2 + i] = files.get(i);
        }
        args[args.length - 2] = "--models";
        args[args.length - 1] = root.resolve("sample-models").toString();
        Run ok = run(args);
        assertEquals(0, ok.code, ok.err);
        assertTrue(ok.out.contains("1-what-does-z-decide.md: ok, \"What does a latent variable decide?\", 9 steps"), ok.out);

        Path bad = dir.resolve("bad.md");
        Files.writeString(bad, "# T\n\n## s\n@do load-model no-such-model\n@scenario missing.json\n");
        Run failed = run("lesson", "check", bad.toString(), "--models", root.resolve("sample-models").toString());
        assertEquals(1, failed.code);
        assertTrue(failed.out.contains(bad + ":4: no bundled model \"no-such-model\""), failed.out);
        assertTrue(failed.out.contains(bad + ":5: no scenario file"), failed.out);
        assertEquals(2, run("lesson", "verify", bad.toString()).code, "an unknown subcommand is bad usage");
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("assets/lessons"))) {
                return p;
            }
        }
        throw new IllegalStateException("no assets/lessons above " + Path.of("").toAbsolutePath());
    }
}
