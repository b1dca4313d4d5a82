package io.pushledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * New stream ids reach the known streams' trigram index through a pending list that the insert filling it merges
 * at 64 kB (V16): they are not written into the index's tree one by one, and a substring search, which reads the
 * pending list whole, never reads more than 64 kB of it — and still finds every stream, pending or merged. In one
 * transaction, rolled back; pgstattuple (contrib, like pg_trgm) reads the index's metapage.
 */
@QuarkusTest
class KnownStreamTrigramIndexTest {

    private static final int PAGE_BYTES = 8192;
    private static final int PENDING_LIST_LIMIT_BYTES = 64 * 1024;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void newStreamsWaitInAPendingListThatIsMergedAt64KilobytesAndEveryOneIsFound() throws SQLException {
        String tag = "trgm" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple");
                int maxPendingPages = 0;
                long maxPendingStreams = 0;
                // As the callback path adds them: a few new streams per statement (a group of callbacks).
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO push_session (sequence,"
                        + " stream_id, status, started_at, start_inferred, region, updated_at)"
                        + " SELECT ? || '-' || g, ? || '-stream-' || g, 'LIVE', now(), false, 'MAINLAND', now()"
                        + " FROM generate_series(?, ? + 2) AS g")) {
                    insert.setString(1, tag);
                    insert.setString(2, tag);
                    for (int first = 1; first <= 6_000; first += 3) {
                        insert.setInt(3, first);
                        insert.setInt(4, first);
                        insert.executeUpdate();
                        if (first % 300 == 1) {
                            long[] pending = pending(statement);
                            maxPendingPages = Math.max(maxPendingPages, (int) pending[0]);
                            maxPendingStreams = Math.max(maxPendingStreams, pending[1]);
                        }
                    }
                }

                assertThat(maxPendingStreams).as("streams waiting in the pending list").isPositive();
                assertThat(maxPendingPages).as("pending pages").isLessThanOrEqualTo(PENDING_LIST_LIMIT_BYTES / PAGE_BYTES + 1);
                // Through the trigram index, which reads the pending list as well as its tree.
                statement.execute("SET LOCAL enable_seqscan = off");
                String contains = "SELECT count(*) FROM known_stream WHERE stream_id LIKE '%" + tag.substring(2) + "-stream-%'";
                assertThat(lines(statement, "EXPLAIN " + contains)).anyMatch(line -> line.contains("known_stream_trgm_idx"));
                assertThat(lines(statement, contains)).containsExactly("6000");
            } finally {
                connection.rollback();
            }
        }
    }

    private static List<String> lines(Statement statement, String sql) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
        }
        return lines;
    }

    /** The pending pages of the known streams' trigram index, and the streams whose entries wait in them. */
    private static long[] pending(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery(
                "SELECT pending_pages, pending_tuples FROM pgstatginindex('known_stream_trgm_idx')")) {
            row.next();
            return new long[] {row.getLong(1), row.getLong(2)};
        }
    }
}
