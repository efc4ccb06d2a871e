package ftx.engine.train;

/**
 * Pause, resume, single-step, save and stop requests for a run, checked by the trainer between
 * steps (so a request takes effect within one step). Safe to call from any thread.
 */
public final class RunControl {
    private boolean paused;
    private boolean stopRequested;
    private int stepsAllowedWhilePaused;
    private boolean saveRequested;

    /** What the trainer does next. */
    enum Action { STEP, SAVE, STOP }

    public synchronized void pause() {
        paused = true;
        notifyAll();
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    /** While paused, lets exactly one more step run. */
    public synchronized void stepOnce() {
        stepsAllowedWhilePaused++;
        notifyAll();
    }

    /** Asks for a checkpoint between steps (also honoured while paused). */
    public synchronized void requestSave() {
        saveRequested = true;
        notifyAll();
    }

    public synchronized void stop() {
        stopRequested = true;
        notifyAll();
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    public synchronized boolean isStopRequested() {
        return stopRequested;
    }

    /** Blocks while paused (and nothing else is asked); then says whether to step, save or stop. */
    synchronized Action awaitNextAction() throws InterruptedException {
        while (paused && !stopRequested && !saveRequested && stepsAllowedWhilePaused == 0) {
            wait();
        }
        if (stopRequested) {
            return Action.STOP;
        }
        if (saveRequested) {
            saveRequested = false;
            return Action.SAVE;
        }
        if (paused) {
            stepsAllowedWhilePaused--;
        }
        return Action.STEP;
    }
}
