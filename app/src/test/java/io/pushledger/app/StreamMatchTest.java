package io.pushledger.app;

import static io.pushledger.app.CallbackRecordingTest.accepted;
import static io.pushledger.app.SignedCallback.aPushInterruption;
import static io.pushledger.app.SignedCallback.aPushStart;
import static io.pushledger.app.SignedCallback.uniqueSequence;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A stream id prefix or substring is answered through one of two plans, chosen by how many known streams
 * match (more or fewer than 1,000): the walk of the start-time index, or each matching stream's newest
 * sessions. Both give, page after page, what the definition gives; and a prefix's range of the stream
 * index ends where the prefix does, whatever its last character.
 */
@QuarkusTest
class StreamMatchTest {

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final String tag = "p" + UUID.randomUUID().toString().substring(0, 12);

    @Test
    void eitherPlanGivesTheDefinitionsPagesForPrefixesAndSubstrings() throws Exception {
        insertSessions(tag + "-many-", 2_500, 2_500);
        insertSessions(tag + "-few-", 30, 30);
        // Three busy streams: one plan reads at most a page of each, the other walks them all in time order.
        insertSessions(tag + "-busy-", 900, 3);

        for (String prefix : List.of(tag + "-many-", tag + "-few-", tag + "-many-1", tag + "-busy-")) {
            assertThat(walkAllPages(prefix, "prefix")).as(prefix).containsExactlyElementsOf(newest(prefix, "prefix"));
        }
        // many-1 matches 1,111 streams (1, 10…19, 100…199, 1000…1999), many-12 111: one of each plan.
        for (String inside : List.of("-many-1", "-many-12", "-few-2", "-busy-")) {
            String substring = tag.substring(3) + inside;
            assertThat(walkAllPages(substring, "contains")).as(substring)
                    .containsExactlyElementsOf(newest(substring, "contains"));
        }
    }

    @Test
    void aStreamIdThatALateStartChangesIsFoundByItsNewPrefixAndSubstring() {
        String sequence = uniqueSequence();
        String reported = tag + "-reported";
        String corrected = tag + "-corrected";
        // The interruption names one stream, the start that arrives after it another: the start's path wins.
        accepted(aPushInterruption(sequence, reported));
        accepted(aPushStart(sequence, corrected));

        assertThat(SessionsApiTest.sequences(Map.of("streamId", tag + "-corr", "match", "prefix"))).containsExactly(sequence);
        assertThat(SessionsApiTest.sequences(Map.of("streamId", tag.substring(3) + "-corrected", "match", "contains")))
                .containsExactly(sequence);
        assertThat(SessionsApiTest.sequences(Map.of("streamId", tag + "-rep", "match", "prefix"))).isEmpty();
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

    /**
     * {@code count} sessions of {@code streams} streams {@code <prefix><n % streams>}, ended, in a quiet hour
     * of their own, with starts repeating every 997 seconds, so pages break ties by sequence.
     */
    private void insertSessions(String prefix, int count, int streams) throws Exception {
        try (Connection connection = ledger.connect();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO push_session (sequence, domain, app_name, stream_id, status, started_at,
                            start_inferred, ended_at, errcode, category, abnormal, region, updated_at)
                        SELECT ? || g, 'prefix.example.com', 'live', ? || (g % ?), 'ENDED',
                            timestamptz '2002-03-04 00:00:00Z' + (g % 997) * interval '1 second', false,
                            timestamptz '2002-03-04 01:00:00Z', 1, 'CLIENT_STOPPED', false, 'MAINLAND', now()
                        FROM generate_series(1, ?) AS g
                        """)) {
            insert.setString(1, prefix + "seq-");
            insert.setString(2, prefix);
            insert.setInt(3, streams);
            insert.setInt(4, count);
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

    /** Every page of the API's answer, 97 sessions a page, in order. */
    private static List<String> walkAllPages(String streamId, String match) {
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> query = new HashMap<>(Map.of("streamId", streamId, "match", match, "limit", 97));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonPath page = HistoryApi.ok("/api/v1/sessions", query).extract().jsonPath();
            walked.addAll(page.getList("items.sequence", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return walked;
    }

    /** The definition, by a plain scan: the sessions whose stream id starts with or contains the text, newest first. */
    private List<String> newest(String text, String match) throws Exception {
        String matches = match.equals("prefix") ? "starts_with(stream_id, ?)" : "strpos(stream_id, ?) > 0";
        List<String> sequences = new ArrayList<>();
        try (Connection connection = ledger.connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT sequence FROM push_session WHERE " + matches + " ORDER BY started_at DESC, sequence DESC")) {
            select.setString(1, text);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sequences.add(rows.getString(1));
                }
            }
        }
        return sequences;
    }
}
