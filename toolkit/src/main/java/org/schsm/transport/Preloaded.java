package org.schsm.transport;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A value made once per process, by the first caller of {@link #get()} or, ahead of time, on a
 * daemon thread started by {@link #preload()}. Whoever asks while it is being made waits for it.
 * What making it threw is thrown again, the same object, to every caller, so a preloaded failure
 * reaches the caller exactly as it would have without the preload; nothing is ever printed by the
 * background thread.
 */
final class Preloaded<T> {
    private final String threadName;
    private final FutureTask<T> task;
    private boolean started;

    Preloaded(String threadName, Callable<T> make) {
        this.threadName = threadName;
        this.task = new FutureTask<>(make);
    }

    /** Starts making the value on a daemon thread unless that has begun; returns at once. */
    synchronized void preload() {
        if (started || task.isDone()) {
            return;
        }
        started = true;
        Thread t = new Thread(task, threadName);
        t.setDaemon(true);
        t.start();
    }

    /**
     * The value, made on this thread if nobody has started it. Waits without giving up on an
     * interrupt (the interrupt is kept for the caller): the value is needed either way, and making
     * it cannot be interrupted.
     */
    T get() {
        task.run(); // returns at once when another thread is making it or it is made
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
