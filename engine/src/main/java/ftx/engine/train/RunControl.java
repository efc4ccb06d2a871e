package ftx.engine.train;

/**
 * Pause, resume, single-step and stop requests for a run, checked by the trainer between steps
 * (so a request takes effect within one step). Safe to call from any thread.
 */
public final class RunControl {
    private boolean paused;
    private boolean stopRequested;
    private int stepsAllowedWhilePaused;

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

    /** Blocks while paused; returns false when the run should stop instead of taking a step. */
    synchronized boolean awaitPermissionToStep() throws InterruptedException {
        while (paused && !stopRequested && stepsAllowedWhilePaused == 0) {
            wait();
        }
        if (stopRequested) {
            return false;
        }
        if (paused) {
            stepsAllowedWhilePaused--;
        }
        return true;
    }
}
