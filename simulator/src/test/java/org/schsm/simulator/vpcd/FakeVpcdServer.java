package org.schsm.simulator.vpcd;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.schsm.transport.VpcdFraming;

/** Plays pcscd's vpcd driver in tests: listens, accepts the card, sends framed messages. */
final class FakeVpcdServer implements AutoCloseable {
    private final ServerSocket server;

    FakeVpcdServer() throws IOException {
        this(0);
    }

    FakeVpcdServer(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    int port() {
        return server.getLocalPort();
    }

    /** Waits for the card to connect; fails the test after {@code timeout}. */
    Connection accept(Duration timeout) throws IOException {
        server.setSoTimeout((int) timeout.toMillis());
        try {
            Socket s = server.accept();
            s.setSoTimeout(5_000);
            return new Connection(s);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no vpcd client connected within " + timeout, e);
        }
    }

    /** Whether a client connects within {@code timeout}; closes it if it does. */
    boolean connectsWithin(Duration timeout) throws IOException {
        server.setSoTimeout((int) timeout.toMillis());
        try (Socket s = server.accept()) {
            return s.isConnected();
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /** One accepted card connection, seen from pcscd's side. */
    static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void send(byte[] payload) throws IOException {
            VpcdFraming.write(out, payload);
        }

        void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        byte[] receive() throws IOException {
            byte[] message = VpcdFraming.read(in);
            if (message == null) {
                throw new AssertionError("the card closed the connection instead of answering");
            }
            return message;
        }

        byte[] requestAtr() throws IOException {
            send(new byte[] {VpcdFraming.GET_ATR});
            return receive();
        }

        byte[] transmit(byte[] command) throws IOException {
            send(command);
            return receive();
        }

        void control(int code) throws IOException {
            send(new byte[] {(byte) code});
        }

        /** True when the card side closed the connection (end of stream) within the read timeout. */
        boolean closedByCard() throws IOException {
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
