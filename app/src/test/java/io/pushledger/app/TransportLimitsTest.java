package io.pushledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bounds of the service port, seen from a raw socket on loopback: oversized bodies, announced or chunked,
 * are a problem+json 413 answered long before a megabyte is read, and the connection closed; a body that does not arrive in time is a
 * problem+json 408; a connection nobody uses is closed. The test profile gives a body 2 s (production 10 s);
 * the idle timeout is production's 20 s.
 */
@QuarkusTest
class TransportLimitsTest {

    private static final int KIB = 1024;

    @TestHTTPResource("/")
    URL service;

    @Test
    void aChunkedBodyBeyond64KibIsA413ProblemAnsweredWithinTheFirstChunksBeyondIt() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(headers("Transfer-Encoding: chunked"));
            CompletableFuture<Void> answering = new CompletableFuture<>();
            CompletableFuture<String> answer = readAll(socket.getInputStream(), answering);
            byte[] chunk = new byte[8 * KIB];
            Arrays.fill(chunk, (byte) ' ');
            int sent = 0;
            // Paced, so that what the service has read is about what was sent, not what the kernel buffers.
            while (!answering.isDone() && sent < 2 * KIB * KIB) {
                try {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException closedByTheService) {
                    break;
                }
                sent += chunk.length;
                Thread.sleep(5);
            }

            String response = answer.get(15, TimeUnit.SECONDS);
            assertProblem(response, 413, "payload-too-large");
            // Quarkus' own limit used to read a chunked body up to 1 MiB before answering.
            assertThat(sent).as("bytes sent before the answer").isLessThan(512 * KIB);
        }
    }

    @Test
    void aChunkedCallbackWithinTheLimitIsStored() throws Exception {
        String sequence = SignedCallback.uniqueSequence();
        byte[] json = SignedCallback.aPushStart(sequence, SignedCallback.uniqueStream()).json()
                .getBytes(StandardCharsets.UTF_8);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(headers("Transfer-Encoding: chunked\r\nConnection: close"));
            out.write((Integer.toHexString(json.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(json);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            String response = readAll(socket.getInputStream()).get(15, TimeUnit.SECONDS);
            assertThat(response).startsWith("HTTP/1.1 200 ").endsWith("{\"code\":0}");
        }
        assertThat(Ledger.ofTestDatabase().sessions(sequence)).hasSize(1);
    }

    @Test
    void anAnnouncedBodyBeyondTheTransportLimitIsA413ProblemBeforeItIsSent() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(headers("Content-Length: " + 2 * KIB * KIB));

            assertProblem(readAll(socket.getInputStream()).get(15, TimeUnit.SECONDS), 413, "payload-too-large");
        }
    }

    @Test
    void aClientStillSendingAnOversizedBodyReceivesThe413RatherThanAReset() throws Exception {
        // What an HTTP client does with a large body: it sends all of it before it reads the answer. Closed
        // with that body unread, the connection would be reset and the client see a broken pipe, not the 413.
        for (int attempt = 0; attempt < 10; attempt++) {
            try (Socket socket = connect()) {
                byte[] body = new byte[300 * KIB];
                Arrays.fill(body, (byte) ' ');
                OutputStream out = socket.getOutputStream();
                out.write(headers("Content-Length: " + body.length));
                out.write(body);
                out.flush();

                assertProblem(readAll(socket.getInputStream()).get(15, TimeUnit.SECONDS), 413, "payload-too-large");
            }
        }
    }

    @Test
    void aBodyStillArrivingAfterTheBodyTimeoutIsA408ProblemAndTheConnectionIsClosed() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(headers("Content-Length: 1000"));
            socket.getOutputStream().write("{\"event_type\":".getBytes(StandardCharsets.US_ASCII));

            String response = readAll(socket.getInputStream()).get(15, TimeUnit.SECONDS);
            assertProblem(response, 408, "body-timeout");
        }
    }

    @Test
    void aConnectionLeftIdleIsClosedByTheService() throws Exception {
        try (Socket socket = connect()) {
            long opened = System.nanoTime();
            socket.setSoTimeout((int) Duration.ofSeconds(40).toMillis());

            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the idle connection was still open after 40 s", e);
            } catch (IOException reset) {
                read = -1;
            }

            assertThat(read).as("end of stream").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(Duration.ofSeconds(30));
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        // A small send buffer, so that what was sent is close to what the service has read.
        socket.setSendBufferSize(16 * KIB);
        socket.connect(new InetSocketAddress("127.0.0.1", service.getPort()));
        socket.setSoTimeout((int) Duration.ofSeconds(20).toMillis());
        return socket;
    }

    private static byte[] headers(String framing) {
        return ("POST /callbacks/css HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + framing
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Everything the service sends until it closes the connection (or resets it once its answer is out). */
    private static CompletableFuture<String> readAll(InputStream in) {
        return readAll(in, new CompletableFuture<>());
    }

    /** As {@link #readAll(InputStream)}, completing {@code answering} once the answer's first bytes are in. */
    private static CompletableFuture<String> readAll(InputStream in, CompletableFuture<Void> answering) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                    answering.complete(null);
                }
            } catch (IOException endedAbruptly) {
                // A reset after the answer: what arrived before it counts.
            }
            return received.toString(StandardCharsets.UTF_8);
        });
    }

    private static void assertProblem(String response, int status, String kind) {
        assertThat(response).startsWith("HTTP/1.1 " + status + " ");
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).contains("content-type: application/problem+json").contains("connection: close");
        assertThat(response).contains("\"type\":\"urn:pushledger:problem:" + kind + "\"");
    }
}
