package ftx.engine.cli;

import ftx.engine.io.CheckpointFormatException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code ftx} command line: {@code train}, {@code generate}, {@code encode}, {@code score},
 * {@code bench}. Results go to standard output, progress and errors to standard error. Exit
 * codes: 0 success, 1 the command failed (message says why), 2 bad usage.
 */
public final class Main {
    private static final Map<String, Command> COMMANDS = new LinkedHashMap<>();

    static {
        for (Command c : List.of(new TrainCommand(), new GenerateCommand(), new EncodeCommand(), new ScoreCommand(),
                new BenchCommand(), new EvaluateCommand(), new SweepCommand(), new InsideCommand(), new LessonCommand())) {
            COMMANDS.put(c.name(), c);
        }
    }

    private Main() {
    }

    public static void main(String[] argv) {
        System.exit(run(argv, System.out, System.err));
    }

    /** Runs one command and returns its exit code (no System.exit, for tests). */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0 || argv[0].equals("--help") || argv[0].equals("-h") || argv[0].equals("help")) {
            err.print(overview());
            return argv.length == 0 ? 2 : 0;
        }
        Command c = COMMANDS.get(argv[0]);
        if (c == null) {
            err.println("ftx: unknown command \"" + argv[0] + "\"\n");
            err.print(overview());
            return 2;
        }
        List<String> rest = Arrays.asList(argv).subList(1, argv.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(c.usage());
            return 0;
        }
        String threadsProblem = ftx.engine.train.TrainingThreads.propertyProblem();
        if (threadsProblem != null) {
            err.println("ftx: " + threadsProblem);
        }
        try {
            c.run(new Args(rest, c.flags(), c.positional()), out, err);
            return 0;
        } catch (Args.UsageException e) {
            err.println("ftx " + c.name() + ": " + e.getMessage() + "\n");
            err.print(c.usage());
            return 2;
        } catch (CheckpointFormatException e) {
            err.println("ftx " + c.name() + ": cannot load the checkpoint: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            err.println("ftx " + c.name() + ": " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("ftx " + c.name() + ": I/O error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            err.println("ftx " + c.name() + ": unexpected error: " + e);
            return 1;
        }
    }

    private static String overview() {
        StringBuilder sb = new StringBuilder("usage: ftx COMMAND [options]   (ftx COMMAND --help for its options)\n\ncommands:\n");
        COMMANDS.values().forEach(c -> sb.append(String.format("  %-9s %s%n", c.name(), c.summary())));
        return sb.toString();
    }
}
