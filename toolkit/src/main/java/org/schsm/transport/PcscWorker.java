package org.schsm.transport;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread that makes every PC/SC call of one connection, so that the caller can stop
 * waiting after a bounded time. A PC/SC call cannot be interrupted: when the wait ends the call
 * goes on blocking this (daemon) thread, the worker is marked {@linkplain #isStuck() stuck} and
 * refuses further work, and the JVM can still exit. One thread also keeps the JDK provider
 * content, which ties exclusive access to the thread that took it.
 */
final class PcscWorker {
    /** A PC/SC call that may fail with a checked provider exception. */
    interface Call<T> {
        T run() throws Exception;
    }

    private final ExecutorService thread;
    private volatile String stuckOn;

    PcscWorker(String readerName) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pcsc " + readerName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code call} on the worker and waits at most {@code wait}.
     *
     * @param what what the call does, for the timeout message ("an answer to VERIFY")
     * @throws CardTimeoutException when the wait ends first
     * @throws Exception            whatever the call threw
     */
    <T> T call(Duration wait, String what, String onTimeout, Call<T> call) throws Exception {
        if (stuckOn != null) {
            throw new CardTimeoutException(onTimeout + ": still waiting for " + stuckOn
                    + "; reconnect (remove and reinsert the card, or restart the reader)");
        }
        Future<T> future = thread.submit(call::run);
        try {
            return future.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            stuckOn = what;
            future.cancel(true);
            throw new CardTimeoutException(onTimeout);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new TransportException("interrupted while waiting for " + what);
        }
    }

    /** A call ran past its wait and may still be blocked in PC/SC: the connection must not be used again. */
    boolean isStuck() {
        return stuckOn != null;
    }

    /** Lets the thread end; a stuck call is left to the OS, which ends it with the process. */
    void shutdown() {
        thread.shutdownNow();
    }
}
