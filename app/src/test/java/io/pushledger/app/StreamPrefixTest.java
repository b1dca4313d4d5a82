package io.pushledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A prefix is answered through one of two plans, chosen by how many sessions it holds (more or fewer than
 * 2,000): both give the page the definition gives, and the prefix's range of the stream index ends where
 * the prefix does, whatever its last character.
 */
@QuarkusTest
class StreamPrefixTest {

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final String tag = "p" + UUID.randomUUID().toString().substring(0, 12);

    @Test
    void aPrefixOfManySessionsGivesTheNewestFirstAsAPrefixOfFewDoes() throws Exception {
        insertSessions(tag + "-many-", 2_500);
        insertSessions(tag + "-few-", 30);

        for (String prefix : List.of(tag + "-many-", tag + "-few-", tag + "-many-1")) {
            assertThat(SessionsApiTest.sequences(Map.of("streamId", prefix, "match", "prefix", "limit", 20)))
                    .as(prefix).containsExactlyElementsOf(newestStartingWith(prefix, 20));
        }
    }

    @Test
    void thePrefixRangeEndsWhereThePrefixDoesWhateverItsLastCharacter() throws Exception {
        String beforeSurrogates = tag + "\uD7FF";
        String lastCodePoint = tag + "\uDBFF\uDFFF";
        insertSession(tag + "-a-1", beforeSurrogates + "x");
        insertSession(tag + "-a-2", tag + "\uE000");
        insertSession(tag + "-a-3", lastCodePoint + "y");
        insertSession(tag + "-a-4", tag + "\uDBFF\uDFFF\uDBFF\uDFFF");

        assertThat(SessionsApiTest.sequences(Map.of("streamId", beforeSurrogates, "match", "prefix")))
                .containsExactly(tag + "-a-1");
        assertThat(SessionsApiTest.sequences(Map.of("streamId", lastCodePoint, "match", "prefix")))
                .containsExactlyInAnyOrder(tag + "-a-3", tag + "-a-4");
        assertThat(SessionsApiTest.sequences(Map.of("streamId", tag, "match", "prefix"))).hasSize(4);
    }

    /** Sessions {@code <prefix><n>} for n in 1..count, a second apart, ended, in a quiet hour of their own. */
    private void insertSessions(String prefix, int count) throws Exception {
        try (Connection connection = ledger.connect();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO push_session (sequence, domain, app_name, stream_id, status, started_at,
                            start_inferred, ended_at, errcode, category, abnormal, region, updated_at)
                        SELECT ? || g, 'prefix.example.com', 'live', ? || g, 'ENDED',
                            timestamptz '2002-03-04 00:00:00Z' + (g % 997) * interval '1 second', false,
                            timestamptz '2002-03-04 01:00:00Z', 1, 'CLIENT_STOPPED', false, 'MAINLAND', now()
                        FROM generate_series(1, ?) AS g
                        """)) {
            insert.setString(1, prefix + "seq-");
            insert.setString(2, prefix);
            insert.setInt(3, count);
            insert.executeUpdate();
        }
        try (Connection connection = ledger.connect()) {
            connection.createStatement().execute("ANALYZE push_session");
        }
    }

    private void insertSession(String sequence, String streamId) throws Exception {
        try (Connection connection = ledger.connect();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO push_session (sequence, app_name, stream_id, status, started_at, start_inferred,
                            ended_at, errcode, category, abnormal, region, updated_at)
                        VALUES (?, 'live', ?, 'ENDED', timestamptz '2002-03-05 00:00:00Z', false,
                            timestamptz '2002-03-05 01:00:00Z', 1, 'CLIENT_STOPPED', false, 'UNKNOWN', now())
                        """)) {
            insert.setString(1, sequence);
            insert.setString(2, streamId);
            insert.executeUpdate();
        }
    }

    /** The definition, by a plain scan: the sessions whose stream id starts with the prefix, newest first. */
    private List<String> newestStartingWith(String prefix, int limit) throws Exception {
        List<String> sequences = new ArrayList<>();
        try (Connection connection = ledger.connect();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT sequence FROM push_session WHERE left(stream_id, length(?)) = ?
                        ORDER BY started_at DESC, sequence DESC LIMIT ?
                        """)) {
            select.setString(1, prefix);
            select.setString(2, prefix);
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sequences.add(rows.getString(1));
                }
            }
        }
        return sequences;
    }
}
