package io.pushledger.app;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forwards TCP connections from a loopback port to a target. {@link #stop()} refuses new connections
 * and cuts the open ones, as a database going away would; {@link #start()} opens
 * the same port again. {@link #stall()} is the nastier failure: connections stay open and new ones are
 * accepted, but nothing is forwarded either way, as with a hung server or a network that drops packets;
 * {@link #resume()} ends it, cutting the connections that lived through it (their bytes are lost).
 */
final class TcpProxy {

    private static final int CONNECT_TIMEOUT_MILLIS = 3_000;

    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stalled;
    private ServerSocket listener;
    private Thread acceptor;
    private int port;

    TcpProxy(InetSocketAddress target) {
        this.target = target;
    }

    synchronized void start() throws IOException {
        if (listener != null) {
            return;
        }
        ServerSocket server = new ServerSocket();
        // The port must be bound again after stop(), while the cut connections are still in TIME_WAIT.
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        port = server.getLocalPort();
        listener = server;
        acceptor = Thread.ofVirtual().name("tcp-proxy-accept-" + port).start(() -> accept(server));
    }

    synchronized void stop() throws InterruptedException {
        if (listener == null) {
            return;
        }
        close(listener);
        listener = null;
        List.copyOf(open).forEach(this::close);
        // The port is released only once the thread blocked in accept() has let go of it.
        acceptor.join();
    }

    synchronized void stall() {
        stalled = true;
    }

    synchronized void resume() {
        List.copyOf(open).forEach(this::close);
        stalled = false;
    }

    synchronized int port() {
        return port;
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> connect(server, client));
            } catch (IOException closedByStop) {
                return;
            }
        }
    }

    private void connect(ServerSocket server, Socket client) {
        if (stalled) {
            open.add(client);
            pump(client, null);
            return;
        }
        Socket upstream = new Socket();
        try {
            upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            close(client);
            close(upstream);
            return;
        }
        synchronized (this) {
            if (listener != server) {
                close(client);
                close(upstream);
                return;
            }
            open.add(client);
            open.add(upstream);
        }
        Thread.ofVirtual().start(() -> pump(client, upstream));
        Thread.ofVirtual().start(() -> pump(upstream, client));
    }

    /** Passes what {@code from} sends on to {@code to}, except while stalled (or with nowhere to go): then it is swallowed. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            for (int read; (read = in.read(buffer)) >= 0; ) {
                if (!stalled && to != null) {
                    to.getOutputStream().write(buffer, 0, read);
                }
            }
        } catch (IOException cut) {
            // One side went away; closing both below passes that on to the other.
        } finally {
            close(from);
            if (to != null) {
                close(to);
            }
        }
    }

    private void close(Closeable socket) {
        open.remove(socket);
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }
}
