package io.pushledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.Executors;

/**
 * THE BASELINE of the ingest benchmark, not part of PushLedger: the callback receiver a user would write in
 * an afternoon, which PushLedger must outrun (issue 10). Plain Java and JDBC: the JDK's {@code HttpServer},
 * Jackson for the body, pgjdbc with a pool of 10 connections (10 handler threads, a connection each). Per
 * callback: check {@code sign = MD5(key + t)}, then {@code BEGIN; INSERT event ON CONFLICT DO NOTHING;
 * INSERT session ON CONFLICT DO UPDATE; COMMIT} and answer 200 after the commit (503 if it fails). Two
 * tables with two indexes each, created at start if missing. No pairing rules, no history API.
 *
 * <pre>java -cp benchmarks/target/pushledger-benchmarks.jar io.pushledger.bench.PlainReceiver \
 *     PORT JDBC_URL USER PASSWORD CALLBACK_KEY</pre>
 */
public final class PlainReceiver {

    static final int POOL = 10;

    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS plain_event (
                sequence text NOT NULL, event_type integer NOT NULL, stream_id text, event_time timestamptz,
                received_at timestamptz NOT NULL, body json NOT NULL, PRIMARY KEY (sequence, event_type));
            CREATE INDEX IF NOT EXISTS plain_event_stream_idx ON plain_event (stream_id, received_at);
            CREATE TABLE IF NOT EXISTS plain_session (
                sequence text PRIMARY KEY, domain text, app_name text, stream_id text NOT NULL, status text NOT NULL,
                started_at timestamptz, ended_at timestamptz, duration_ms bigint, errcode integer, errmsg text,
                client_ip text, updated_at timestamptz NOT NULL);
            CREATE INDEX IF NOT EXISTS plain_session_stream_idx ON plain_session (stream_id, started_at DESC);
            """;
    private static final String EVENT = """
            INSERT INTO plain_event (sequence, event_type, stream_id, event_time, received_at, body)
            VALUES (?, ?, ?, to_timestamp(?), now(), CAST(? AS json)) ON CONFLICT DO NOTHING""";
    /** A start opens the session, an interruption ends it, whichever arrives first. */
    private static final String SESSION = """
            INSERT INTO plain_session AS s (sequence, domain, app_name, stream_id, status, started_at, ended_at,
                duration_ms, errcode, errmsg, client_ip, updated_at)
            VALUES (?, ?, ?, ?, ?, to_timestamp(?) - make_interval(secs => ? / 1000.0), ?, ?, ?, ?, ?, now())
            ON CONFLICT (sequence) DO UPDATE SET
                status = CASE WHEN s.status = 'ENDED' OR EXCLUDED.status = 'ENDED' THEN 'ENDED' ELSE 'LIVE' END,
                started_at = CASE WHEN EXCLUDED.status = 'LIVE' THEN EXCLUDED.started_at ELSE s.started_at END,
                ended_at = coalesce(EXCLUDED.ended_at, s.ended_at), duration_ms = coalesce(EXCLUDED.duration_ms, s.duration_ms),
                errcode = coalesce(EXCLUDED.errcode, s.errcode), errmsg = coalesce(EXCLUDED.errmsg, s.errmsg),
                updated_at = now()""";

    private final ObjectMapper json = new ObjectMapper();
    private final String key;
    private final ThreadLocal<Statements> statements;

    private PlainReceiver(String url, String user, String password, String key) {
        this.key = key;
        this.statements = ThreadLocal.withInitial(() -> {
            try {
                return new Statements(DriverManager.getConnection(url, user, password));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("Usage: PlainReceiver PORT JDBC_URL USER PASSWORD CALLBACK_KEY");
            System.exit(2);
        }
        try (Connection connection = DriverManager.getConnection(args[1], args[2], args[3]);
                Statement schema = connection.createStatement()) {
            schema.execute(SCHEMA);
        }
        PlainReceiver receiver = new PlainReceiver(args[1], args[2], args[3], args[4]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 128);
        server.setExecutor(Executors.newFixedThreadPool(POOL));
        server.createContext("/callbacks/css", receiver::answer);
        server.start();
        System.out.println("plain receiver (baseline) listening on 127.0.0.1:" + args[0]);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status;
        try {
            JsonNode callback = json.readTree(body);
            status = signed(callback) ? store(callback, new String(body, StandardCharsets.UTF_8)) : 401;
        } catch (IOException | RuntimeException e) {
            status = 400;
        }
        byte[] answer = (status == 200 ? "{\"code\":0}" : "{\"code\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private boolean signed(JsonNode callback) {
        long t = callback.path("t").asLong();
        return t > System.currentTimeMillis() / 1000 && md5(key + t).equals(callback.path("sign").asText());
    }

    private int store(JsonNode callback, String body) {
        Statements s = statements.get();
        try {
            int type = callback.path("event_type").asInt();
            String sequence = callback.path("sequence").asText();
            String stream = callback.path("stream_id").asText();
            long eventTime = callback.path("event_time").asLong();
            s.event.setString(1, sequence);
            s.event.setInt(2, type);
            s.event.setString(3, stream);
            s.event.setLong(4, eventTime);
            s.event.setString(5, body);
            s.event.executeUpdate();
            boolean ended = type == 0;
            long duration = ended ? callback.path("push_duration").asLong() : 0;
            s.session.setString(1, sequence);
            s.session.setString(2, callback.path("app").asText(null));
            s.session.setString(3, callback.path("appname").asText(null));
            s.session.setString(4, stream);
            s.session.setString(5, ended ? "ENDED" : "LIVE");
            s.session.setLong(6, eventTime);
            s.session.setLong(7, duration);
            s.session.setObject(8, ended ? Instant.ofEpochSecond(eventTime).atOffset(ZoneOffset.UTC) : null,
                    Types.TIMESTAMP_WITH_TIMEZONE);
            s.session.setObject(9, ended ? duration : null, Types.BIGINT);
            s.session.setObject(10, ended ? callback.path("errcode").asInt() : null, Types.INTEGER);
            s.session.setString(11, ended ? callback.path("errmsg").asText(null) : null);
            s.session.setString(12, callback.path("user_ip").asText(null));
            s.session.executeUpdate();
            s.connection.commit();
            return 200;
        } catch (SQLException e) {
            try {
                s.connection.rollback();
            } catch (SQLException ignored) {
                // The connection is broken; the next callback on this thread fails too and says so.
            }
            return 503;
        }
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** One pooled connection with its prepared statements (pgjdbc prepares them server-side after five uses). */
    private static final class Statements {

        final Connection connection;
        final PreparedStatement event;
        final PreparedStatement session;

        Statements(Connection connection) throws SQLException {
            connection.setAutoCommit(false);
            this.connection = connection;
            this.event = connection.prepareStatement(EVENT);
            this.session = connection.prepareStatement(SESSION);
        }
    }
}
