package io.pushledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history queries are index-backed: with 50,000 sessions and fresh statistics, PostgreSQL plans
 * the query shapes SessionHistoryPersistenceAdapter and CallbackHistoryPersistenceAdapter send through
 * the indexes of V1, V2 and V7. Parameters are written as literals, as PostgreSQL's custom plans see them.
 * Everything happens in one transaction that is rolled back, statistics included.
 */
@QuarkusTest
class QueryPlanTest {

    private static final String PAGE = " ORDER BY started_at DESC, sequence DESC LIMIT 51";

    @Inject
    AgroalDataSource dataSource;

    private Connection connection;
    private Statement statement;

    @BeforeEach
    void fiftyThousandSessions() throws SQLException {
        connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        statement = connection.createStatement();
        // One session in a hundred is live; sessions start a minute apart in 2001, far from test data.
        statement.execute("""
                INSERT INTO push_session (sequence, domain, app_name, stream_id, status, started_at, start_inferred,
                    ended_at, errcode, category, abnormal, client_ip, region, updated_at)
                SELECT 'plan-' || g, 'plan.example.com', 'live', 'plan-stream-' || g,
                    CASE WHEN g % 100 = 0 THEN 'LIVE' ELSE 'ENDED' END,
                    timestamptz '2001-01-01 00:00:00Z' + g * interval '1 minute', false,
                    CASE WHEN g % 100 = 0 THEN NULL ELSE timestamptz '2001-01-01 00:00:30Z' + g * interval '1 minute' END,
                    CASE WHEN g % 100 = 0 THEN NULL ELSE 12 END,
                    CASE WHEN g % 100 = 0 THEN NULL ELSE 'NETWORK_ERROR' END,
                    CASE WHEN g % 100 = 0 THEN NULL ELSE true END,
                    '10.' || (g % 200) || '.' || (g % 199) || '.' || (g % 197), 'MAINLAND', now()
                FROM generate_series(1, 50000) AS g
                """);
        statement.execute("ANALYZE push_session");
        statement.execute("ANALYZE known_stream");
    }

    @AfterEach
    void rollBack() throws SQLException {
        connection.rollback();
        connection.close();
    }

    @Test
    void theCallbackPathsReadOfAGroupsSessionsUsesTheKeyTheLiveSessionsAndTheStreamIndex() throws SQLException {
        String paths = "unnest(ARRAY['plan-stream-4200', 'plan-stream-4242'], ARRAY['plan.example.com', 'plan.example.com'],"
                + " ARRAY['live', 'live'], ARRAY[timestamptz '2001-01-03 22:00:00Z', NULL])"
                + " WITH ORDINALITY AS p (stream_id, domain, app_name, since, path_index)";
        String onPath = "s.stream_id = p.stream_id AND s.domain IS NOT DISTINCT FROM p.domain"
                + " AND s.app_name IS NOT DISTINCT FROM p.app_name AND s.sequence <> ALL (ARRAY['plan-4242'])";
        String plan = plan("SELECT 'own' AS role, 0 AS path_index, sequence FROM push_session"
                + " WHERE sequence = ANY (ARRAY['plan-4242'])"
                + " UNION ALL SELECT 'live', p.path_index, s.sequence FROM " + paths
                + " CROSS JOIN LATERAL (SELECT * FROM push_session s WHERE " + onPath + " AND s.status = 'LIVE' OFFSET 0) s"
                + " UNION ALL SELECT 'latest', p.path_index, s.sequence FROM " + paths
                + " CROSS JOIN LATERAL (SELECT * FROM push_session s WHERE " + onPath
                + " AND s.started_at > p.since ORDER BY s.started_at DESC LIMIT 1) s");

        assertThat(plan).contains("push_session_pkey", "push_session_live_stream_idx", "push_session_stream_idx")
                .doesNotContain("Seq Scan on push_session");
    }

    @Test
    void anExactStreamIdUsesTheStreamIndex() throws SQLException {
        assertThat(plan("SELECT * FROM push_session WHERE stream_id = 'plan-stream-4242'" + PAGE))
                .contains("push_session_stream_idx");
    }

    @Test
    void aStreamIdPrefixUsesTheStreamIndex() throws SQLException {
        assertThat(plan("SELECT * FROM push_session WHERE stream_id ~>=~ 'plan-stream-4242'"
                + " AND stream_id ~<~ 'plan-stream-4243'" + PAGE))
                .contains("push_session_stream_idx");
    }

    @Test
    void aPrefixOrSubstringOfFewStreamsIsMatchedAmongTheKnownStreamsThenReadStreamByStream() throws SQLException {
        String newestOfEach = "SELECT * FROM push_session WHERE sequence IN (SELECT sequence FROM known_stream AS known"
                + " CROSS JOIN LATERAL (SELECT started_at, sequence FROM push_session WHERE stream_id = known.stream_id"
                + PAGE + ") AS newest WHERE ";

        assertThat(plan(newestOfEach + "stream_id ~>=~ 'plan-stream-4242' AND stream_id ~<~ 'plan-stream-4243'"
                + PAGE + ")" + PAGE))
                .contains("known_stream_id_idx", "push_session_stream_idx", "push_session_pkey")
                .doesNotContain("Seq Scan");
        assertThat(plan(newestOfEach + "stream_id LIKE '%stream-4242%'" + PAGE + ")" + PAGE))
                .contains("known_stream_trgm_idx", "push_session_stream_idx", "push_session_pkey")
                .doesNotContain("Seq Scan");
    }

    @Test
    void interruptionsOfStreamsContainingASubstringAreFoundThroughTheKnownStreams() throws SQLException {
        assertThat(plan("SELECT category, count(*) FROM push_session WHERE stream_id IN (SELECT stream_id FROM known_stream"
                + " WHERE stream_id LIKE '%stream-4242%') AND status = 'ENDED' GROUP BY 1"))
                .contains("known_stream_trgm_idx", "push_session_stream_idx");
    }

    @Test
    void liveNowUsesThePartialIndexOfOpenSessions() throws SQLException {
        assertThat(plan("SELECT * FROM push_session WHERE status = 'LIVE'" + PAGE)).contains("push_session_open_idx");
    }

    @Test
    void aTimeWindowUsesTheStartIndexAndAKeysetPageContinuesInIt() throws SQLException {
        assertThat(plan("SELECT * FROM push_session WHERE started_at >= '2001-01-10Z' AND started_at < '2001-01-11Z'"
                + " AND (started_at, sequence) < ('2001-01-10 12:00Z', 'plan-13680')" + PAGE))
                .contains("push_session_started_idx");
    }

    @Test
    void aClientAddressUsesItsIndex() throws SQLException {
        assertThat(plan("SELECT * FROM push_session WHERE client_ip = '10.42.42.42'" + PAGE))
                .contains("push_session_client_ip_idx");
    }

    @Test
    void interruptionsOverAWindowOfEndTimesUseTheEndIndex() throws SQLException {
        assertThat(plan("SELECT category, count(*) FROM push_session WHERE status = 'ENDED'"
                + " AND ended_at >= '2001-01-10Z' AND ended_at < '2001-01-11Z' GROUP BY 1"))
                .contains("push_session_ended_idx");
    }

    @Test
    void interruptionsOverWholeDaysReadTheRollupAndThePartialDayTheEndIndex() throws SQLException {
        statement.execute("ANALYZE interruptions_by_day");
        assertThat(plan("SELECT category, sum(sessions) FROM ("
                + "SELECT category, sessions FROM interruptions_by_day WHERE day >= '2001-01-10' AND day < '2001-01-20'"
                + " UNION ALL SELECT category, 1 FROM push_session WHERE status = 'ENDED'"
                + " AND ended_at >= '2001-01-09 13:00Z' AND ended_at < '2001-01-10Z') AS counted GROUP BY 1"))
                .contains("interruptions_by_day")
                .contains("push_session_ended_idx");
    }

    @Test
    void topStreamsOverWholeDaysReadTheRollupByStreamAndThePartialDayTheEndIndexAlone() throws SQLException {
        statement.execute("ANALYZE interruptions_by_stream_day");
        // These rows are not vacuumed yet, so PostgreSQL would read the few of them through a bitmap; without it, an
        // index-only scan is possible only because the end index includes stream_id (V14).
        statement.execute("SET LOCAL enable_bitmapscan = off");
        assertThat(plan("SELECT stream_id, sum(sessions) FROM ("
                + "SELECT stream_id, sessions FROM interruptions_by_stream_day WHERE day >= '2001-01-10' AND day < '2001-01-20'"
                + " UNION ALL SELECT stream_id, 1 FROM push_session WHERE status = 'ENDED'"
                + " AND ended_at >= '2001-01-09 13:00Z' AND ended_at < '2001-01-10Z') AS counted GROUP BY 1"))
                .contains("interruptions_by_stream_day")
                .contains("Index Only Scan using push_session_ended_idx");
    }

    @Test
    void topStreamsOfAConsoleWindowReadTheSpanOfItsPastDaysAndOnlyTodayOfThePerDayRows() throws SQLException {
        // The sessions end until 2001-02-04 17:20: that is today, the 29 days before it the span (V15).
        statement.execute("SELECT interruptions_span_roll(CAST(30 AS smallint), '2001-02-04')");
        statement.execute("ANALYZE interruptions_by_stream_day");
        statement.execute("ANALYZE interruptions_by_stream_span");
        String unmoved = "EXISTS (SELECT FROM interruptions_span WHERE days = 30 AND first_day = '2001-01-06'"
                + " AND end_day = '2001-02-04')";
        String plan = plan("SELECT stream_id, sum(sessions) FROM ("
                + "SELECT stream_id, sessions FROM interruptions_by_stream_span WHERE days = 30 AND " + unmoved
                + " UNION ALL SELECT stream_id, sessions FROM interruptions_by_stream_day"
                + " WHERE day >= '2001-01-06' AND day < '2001-02-04' AND NOT " + unmoved
                + " UNION ALL SELECT stream_id, sessions FROM interruptions_by_stream_day WHERE day >= '2001-02-04'"
                + ") AS counted GROUP BY 1");
        // Today's per-day rows through the index that leads with the day; the guards are evaluated once, before the
        // part they guard is read (the span's days from the per-day rows, in a plan of their own, are not read).
        assertThat(plan).contains("Seq Scan on interruptions_by_stream_span")
                .contains("One-Time Filter")
                .contains("Index Cond: (day >= '2001-02-04'::date)");
    }

    private String plan(String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return String.join("\n", lines);
    }
}
