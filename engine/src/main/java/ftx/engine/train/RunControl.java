package ftx.engine.train;

import ftx.engine.util.StepCancel;

/**
 * Pause, resume, single-step, save and stop requests for a run. The trainer checks them between
 * steps, and a pause or stop also between the blocks of a step ({@link #cancelFrom}): the step
 * in flight is then abandoned and redone from the same random state on resume, so a request
 * takes effect within one block (tens of milliseconds) and the run's numbers do not change.
 * Safe to call from any thread.
 */
public final class RunControl {
    private volatile boolean paused;
    private volatile boolean stopRequested;
    private volatile long interruptions; // pause and stop requests so far
    private volatile boolean waiting; // the trainer is parked between steps
    private volatile long seenAtStep; // interruptions when the trainer last decided to step
    private int stepsAllowedWhilePaused;
    private boolean saveRequested;

    /** What the trainer does next. */
    enum Action { STEP, SAVE, STOP }

    public synchronized void pause() {
        paused = true;
        interruptions++;
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
        interruptions++;
        notifyAll();
    }

    /**
     * For the step that {@link #awaitNextAction} just allowed: cancels it when a pause or stop
     * arrived after that decision (a single step allowed while paused runs to its end unless
     * another request comes).
     */
    StepCancel cancelFrom() {
        long seen = seenAtStep;
        return () -> {
            if (interruptions != seen && (paused || stopRequested)) {
                throw new StepCancel.Cancelled();
            }
        };
    }

    public synchronized boolean isPaused() {
        return paused;
    }

    /** True while the trainer is parked between steps, waiting for a resume (or step, save, stop). */
    public boolean isWaiting() {
        return waiting;
    }

    public synchronized boolean isStopRequested() {
        return stopRequested;
    }

    /** Blocks while paused (and nothing else is asked); then says whether to step, save or stop. */
    synchronized Action awaitNextAction() throws InterruptedException {
        while (paused && !stopRequested && !saveRequested && stepsAllowedWhilePaused == 0) {
            waiting = true;
            try {
                wait();
            } finally {
                waiting = false;
            }
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
        seenAtStep = interruptions; // in the same lock as the decision: a later request cancels the step
        return Action.STEP;
    }
}
