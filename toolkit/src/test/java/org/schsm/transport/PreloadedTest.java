package org.schsm.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PreloadedTest {

    @Test
    void withoutAPreloadTheFirstCallerMakesTheValueOnceOnItsOwnThread() {
        AtomicInteger made = new AtomicInteger();
        AtomicReference<Thread> maker = new AtomicReference<>();
        Preloaded<String> p = new Preloaded<>("test preload", () -> {
            made.incrementAndGet();
            maker.set(Thread.currentThread());
            return "binding";
        });
        assertEquals("binding", p.get());
        assertSame(p.get(), p.get());
        assertEquals(1, made.get());
        assertSame(Thread.currentThread(), maker.get());
        p.preload(); // already made: starts nothing
        assertEquals(1, made.get());
    }

    @Test
    void aPreloadMakesItOnADaemonThreadAndACallerMeanwhileWaitsForThatValue() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger made = new AtomicInteger();
        AtomicReference<Thread> maker = new AtomicReference<>();
        Preloaded<Object> p = new Preloaded<>("test preload", () -> {
            made.incrementAndGet();
            maker.set(Thread.currentThread());
            started.countDown();
            assertTrue(release.await(10, TimeUnit.SECONDS));
            return new Object();
        });
        p.preload();
        p.preload();
        assertTrue(started.await(10, TimeUnit.SECONDS));
        AtomicReference<Object> got = new AtomicReference<>();
        Thread caller = new Thread(() -> got.set(p.get()));
        caller.start();
        caller.join(200);
        assertTrue(caller.isAlive(), "get() waits while the preload is still making the value");
        release.countDown();
        caller.join(10_000);
        assertSame(got.get(), p.get());
        assertEquals(1, made.get(), "made once, by the preload");
        assertEquals("test preload", maker.get().getName());
        assertTrue(maker.get().isDaemon(), "a preload must never keep the JVM alive");
    }

    @Test
    void whatMakingThrewReachesEveryCallerAsTheSameObject() throws Exception {
        UnsatisfiedLinkError missing = new UnsatisfiedLinkError("Unable to load library 'pcsclite'");
        AtomicInteger tries = new AtomicInteger();
        Preloaded<Object> p = new Preloaded<>("test preload", () -> {
            tries.incrementAndGet();
            throw missing;
        });
        p.preload();
        assertSame(missing, assertThrows(UnsatisfiedLinkError.class, p::get));
        assertSame(missing, assertThrows(UnsatisfiedLinkError.class, p::get));
        assertEquals(1, tries.get());

        IllegalStateException refused = new IllegalStateException("no");
        Preloaded<Object> q = new Preloaded<>("test preload", () -> {
            throw refused;
        });
        assertSame(refused, assertThrows(IllegalStateException.class, q::get));
    }

    @Test
    void anInterruptWhileWaitingIsKeptAndTheValueStillDelivered() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Preloaded<String> p = new Preloaded<>("test preload", () -> {
            assertTrue(release.await(10, TimeUnit.SECONDS));
            return "binding";
        });
        p.preload();
        AtomicReference<String> got = new AtomicReference<>();
        AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            got.set(p.get());
            interruptedAfter.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        Thread.sleep(100);
        caller.interrupt();
        Thread.sleep(100);
        release.countDown();
        caller.join(10_000);
        assertEquals("binding", got.get());
        assertEquals(Boolean.TRUE, interruptedAfter.get());
    }
}
