package org.schsm.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.schsm.InvalidInputException;
import org.schsm.transport.ReaderInfo;
import org.schsm.transport.TransportException;

/**
 * Work over a set of devices, at most {@code --parallel} at a time, each device on a thread of its
 * own (a device has one holder at a time; two devices share nothing). Results come back in device
 * order whatever order the devices finish in.
 */
public final class DeviceRuns {
    private DeviceRuns() {
    }

    /**
     * {@code task} on every device. A task reports its device's failure in its result; an
     * exception it lets out ends the run.
     */
    public static <T> List<T> inParallel(List<ReaderInfo> devices, int parallel, Function<ReaderInfo, T> task) {
        if (parallel < 1) {
            throw new InvalidInputException("--parallel must be at least 1");
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, devices.size())), r -> {
            Thread t = new Thread(r, "schsm-device");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (ReaderInfo device : devices) {
                futures.add(pool.submit(() -> task.apply(device)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while the devices were running", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
