package io.pushledger.app;

import java.io.Closeable;
import java.io.IOException;
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
 * the same port again.
 */
final class TcpProxy {

    private static final int CONNECT_TIMEOUT_MILLIS = 3_000;

    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
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

    private void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException cut) {
            // One side went away; closing both below passes that on to the other.
        } finally {
            close(from);
            close(to);
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
