package ftx.app.scenario;

/** A scenario that cannot be opened; the message says why, in the user's words. */
public final class ScenarioException extends Exception {
    public ScenarioException(String message) {
        super(message);
    }
}
