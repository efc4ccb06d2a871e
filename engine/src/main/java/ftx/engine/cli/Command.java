package ftx.engine.cli;

import java.io.PrintStream;

/** One subcommand of {@code ftx}: results go to out (text or JSON), progress and errors to err. */
interface Command {
    String name();

    /** One line for the command list. */
    String summary();

    /** The full --help text. */
    String usage();

    /** Options that take no value (besides --help); every command has --json. */
    default java.util.Set<String> flags() {
        return java.util.Set.of("json");
    }

    /** True for a command that takes words besides its options ({@code ftx lesson check FILE}). */
    default boolean positional() {
        return false;
    }

    void run(Args args, PrintStream out, PrintStream err) throws Exception;
}
