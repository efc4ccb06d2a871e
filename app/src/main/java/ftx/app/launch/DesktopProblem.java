package ftx.app.launch;

import java.util.Optional;

/**
 * Why the window cannot open, in words a user can act on, for the failures JavaFX reports as a
 * stack trace: no GTK library on Linux, no display to draw on. Anything else is not ours to explain.
 */
public final class DesktopProblem {
    static final String HEADLESS = "Without a desktop, the command line does everything the app does: ./ftx --help";

    private DesktopProblem() {
    }

    /** The message for a failure of the toolkit's start-up, or empty when it is another failure. */
    public static Optional<String> explain(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (m.contains("Unable to load glass GTK library")) {
                return Optional.of("""
                        Free Transformer Explorer cannot open its window: the GTK 3 library that JavaFX draws \
                        with is not installed.
                        Install it, then run ./ftx-app again:
                          Debian or Ubuntu:  sudo apt-get install libgtk-3-0
                          Fedora:            sudo dnf install gtk3
                        """ + HEADLESS);
            }
            if (m.contains("Unable to open DISPLAY")) {
                return Optional.of("""
                        Free Transformer Explorer cannot open its window: there is no display to draw on \
                        (DISPLAY is unset or unreachable).
                        Run it from a desktop session, over ssh -X, or under a virtual display \
                        (xvfb-run ./ftx-app).
                        """ + HEADLESS);
            }
        }
        return Optional.empty();
    }
}
