package org.schsm.simulator.vpcd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import jdk.net.ExtendedSocketOptions;
import org.schsm.transport.VpcdFraming;

/**
 * Puts a {@link VirtualCard} into a vpcd virtual reader: connects as a TCP client to the port on
 * which pcscd's vpcd driver listens (127.0.0.1:35963 is reader "Virtual PCD 00 00" in the
 * default configuration) and answers pcscd's messages until {@link #close() closed}.
 *
 * <p>While connected, pcscd sees a card in the reader. When the connection cannot be made
 * (pcscd not running) or breaks (pcscd restarted), the card loses power and the client tries
 * again, waiting {@code initialDelay} at first and doubling up to {@code maxDelay}. A card that
 * reports itself {@link VirtualCard#isPresent() absent} is shown as an empty reader.
 *
 * <p>After each command that may change the card's persistent state (everything except
 * SELECT, READ BINARY, GET RESPONSE, GET CHALLENGE and status queries) the
 * {@code afterCommand} hook runs on the client thread, before the response is sent, so a host
 * can save the card's state before pcscd learns the outcome.
 *
 * <p>APDUs are logged at DEBUG level through {@link System.Logger}; PIN and key-share data are
 * shown as {@code **} and response data is never logged.
 */
public final class VpcdClient implements AutoCloseable {
    /** Where pcscd's vpcd driver listens by default (/etc/reader.conf.d/vpcd). */
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 35963;

    private static final Logger LOG = System.getLogger(VpcdClient.class.getName());
    private static final Duration ABSENT_CARD_POLL = Duration.ofMillis(200);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final VirtualCard card;
    private final String host;
    private final int port;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Duration connectTimeout;
    private final Runnable afterCommand;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stateChanged = lock.newCondition();
    private final AtomicLong sessions = new AtomicLong();
    private volatile boolean running;
    private volatile boolean connected;
    private volatile Socket socket;

    private VpcdClient(Builder b) {
        this.card = b.card;
        this.host = b.host;
        this.port = b.port;
        this.initialDelay = b.initialDelay;
        this.maxDelay = b.maxDelay;
        this.connectTimeout = b.connectTimeout;
        this.afterCommand = b.afterCommand;
        this.thread = new Thread(this::run, "vpcd-" + b.host + ":" + b.port);
        this.thread.setDaemon(b.daemon);
    }

    /** A builder for a client that puts {@code card} into the reader at the default address. */
    public static Builder builder(VirtualCard card) {
        return new Builder(card);
    }

    /** Starts the client thread; returns at once. A client can be started only once. */
    public VpcdClient start() {
        lock.lock();
        try {
            if (thread.getState() != Thread.State.NEW) {
                throw new IllegalStateException("vpcd client already started");
            }
            running = true;
            thread.start();
        } finally {
            lock.unlock();
        }
        return this;
    }

    /** True while a connection to pcscd is open (pcscd then sees the card in its reader). */
    public boolean isConnected() {
        return connected;
    }

    /** Number of connections made so far; grows by one at every reconnection. */
    public long sessions() {
        return sessions.get();
    }

    /** "host:port" of the vpcd driver this client serves. */
    public String address() {
        return host + ":" + port;
    }

    /** Waits until connected; false when {@code timeout} passed first or the client stopped. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return awaitSessions(1, timeout);
    }

    /**
     * Waits until at least {@code count} connections have been made and one is open; false when
     * {@code timeout} passed first or the client stopped.
     */
    public boolean awaitSessions(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (running && !(connected && sessions.get() >= count)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                stateChanged.awaitNanos(left);
            }
            return connected && sessions.get() >= count;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the client: closes the connection (pcscd sees the card removed), ends the thread and
     * waits for it. Safe to call more than once.
     */
    @Override
    public void close() {
        running = false;
        closeSocket(socket);
        thread.interrupt();
        signal();
        if (Thread.currentThread() != thread && thread.getState() != Thread.State.NEW) {
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.log(Level.WARNING, "interrupted while waiting for " + thread.getName() + " to stop");
            }
            if (thread.isAlive()) {
                LOG.log(Level.WARNING, thread.getName() + " did not stop within " + STOP_WAIT);
            }
        }
    }

    private void run() {
        Duration delay = initialDelay;
        while (running) {
            if (!card.isPresent()) {
                pause(ABSENT_CARD_POLL);
                continue;
            }
            Socket s = new Socket();
            socket = s;
            try {
                s.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            } catch (IOException e) {
                closeSocket(s);
                if (running) {
                    Duration wait = delay;
                    LOG.log(Level.DEBUG, () -> "vpcd at " + address() + " not reachable (" + e.getMessage()
                            + "), retrying in " + wait.toMillis() + " ms");
                    pause(wait);
                }
                delay = min(delay.multipliedBy(2), maxDelay);
                continue;
            }
            delay = initialDelay;
            serve(s);
        }
        LOG.log(Level.DEBUG, () -> "vpcd client for " + address() + " stopped");
    }

    /** One connection: answers pcscd until the connection ends, then powers the card off. */
    private void serve(Socket s) {
        setConnected(true);
        long n = sessions.incrementAndGet();
        signal();
        LOG.log(Level.DEBUG, () -> "connected to vpcd at " + address() + " (session " + n + ")");
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setTcpNoDelay(true);
            boolean quickAck = s.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
            VpcdSession session = new VpcdSession(card, afterCommand);
            boolean open = true;
            while (running && open) {
                if (quickAck) {
                    // vpcd (vsmartcard 3.3, Debian 12) sends a message's 2-byte length and its body
                    // in separate segments, and holds the body until the length is acknowledged;
                    // Linux delays that ACK by up to 40 ms, which was the whole latency of an APDU
                    // (docs/performance.md). Quick-ACK mode is not sticky, so it is set per message.
                    s.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
                }
                byte[] message = VpcdFraming.read(in);
                open = message != null && session.handle(message, out);
            }
        } catch (IOException e) {
            if (running) {
                LOG.log(Level.DEBUG, () -> "vpcd connection to " + address() + " lost: " + e.getMessage());
            }
        } finally {
            setConnected(false);
            signal();
            powerOffAfterDisconnect();
        }
    }

    private void powerOffAfterDisconnect() {
        try {
            card.powerOff();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "card failed to power off after the vpcd connection ended", e);
        }
    }

    private void setConnected(boolean value) {
        lock.lock();
        try {
            connected = value;
        } finally {
            lock.unlock();
        }
    }

    private void signal() {
        lock.lock();
        try {
            stateChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Sleeps, waking early when the client is closed. */
    private void pause(Duration d) {
        lock.lock();
        try {
            long left = d.toNanos();
            while (running && left > 0) {
                left = stateChanged.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            if (running) {
                LOG.log(Level.WARNING, "vpcd client thread interrupted while the client is open; stopping");
                running = false;
            }
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private static void closeSocket(Socket s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> "closing the vpcd socket: " + e.getMessage());
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Settings for a {@link VpcdClient}; defaults suit a local pcscd with vpcd. */
    public static final class Builder {
        private final VirtualCard card;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Duration initialDelay = Duration.ofMillis(100);
        private Duration maxDelay = Duration.ofSeconds(2);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Runnable afterCommand = () -> { };
        private boolean daemon = true;

        private Builder(VirtualCard card) {
            this.card = Objects.requireNonNull(card, "card");
        }

        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        public Builder port(int value) {
            if (value < 1 || value > 0xFFFF) {
                throw new IllegalArgumentException("port " + value + " is not a TCP port");
            }
            this.port = value;
            return this;
        }

        /** First wait after a failed connection, and the cap the doubling stops at. */
        public Builder reconnectDelay(Duration initial, Duration max) {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("reconnect delays must satisfy 0 < initial <= max, got "
                        + initial + " and " + max);
            }
            this.initialDelay = initial;
            this.maxDelay = max;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            if (value.isNegative() || value.isZero() || value.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("connect timeout " + value + " is out of range");
            }
            this.connectTimeout = value;
            return this;
        }

        /** Runs after every command that may change the card's persistent state. */
        public Builder afterCommand(Runnable hook) {
            this.afterCommand = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * Whether the client thread is a daemon thread (default true). A host whose only job is
         * to serve the card sets false so that the JVM stays up while the card is in the reader.
         */
        public Builder daemon(boolean value) {
            this.daemon = value;
            return this;
        }

        public VpcdClient build() {
            return new VpcdClient(this);
        }

        /** {@link #build()} and {@link VpcdClient#start()}. */
        public VpcdClient start() {
            return build().start();
        }
    }
}
