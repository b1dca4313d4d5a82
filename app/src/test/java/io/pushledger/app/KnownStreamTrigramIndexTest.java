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
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try {
                statement.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple");
                int maxPendingPages = 0;
                long pendingSeen = 0;
                // As the callback path adds them: a few new streams per statement (a group of callbacks).
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO push_session (sequence,"
                        + " stream_id, status, started_at, start_inferred, region, updated_at)"
                        + " SELECT 'trgm-' || g, 'trgm-stream-' || g, 'LIVE', now(), false, 'MAINLAND', now()"
                        + " FROM generate_series(?, ? + 2) AS g")) {
                    for (int first = 1; first <= 6_000; first += 3) {
                        insert.setInt(1, first);
                        insert.setInt(2, first);
                        insert.executeUpdate();
                        if (first % 300 == 1) {
                            long[] pending = pending(statement);
                            maxPendingPages = Math.max(maxPendingPages, (int) pending[0]);
                            pendingSeen = Math.max(pendingSeen, pending[1]);
                        }
                    }
                }

                assertThat(pendingSeen).as("trigram entries waiting in the pending list").isPositive();
                assertThat(maxPendingPages).as("pending pages").isLessThanOrEqualTo(PENDING_LIST_LIMIT_BYTES / PAGE_BYTES + 1);
                try (ResultSet found = statement.executeQuery("SELECT count(*) FROM known_stream"
                        + " WHERE stream_id LIKE '%m-stream-%' AND stream_id LIKE 'trgm-%'")) {
                    found.next();
                    assertThat(found.getLong(1)).isEqualTo(6_000);
                }
                try (ResultSet last = statement.executeQuery(
                        "SELECT stream_id FROM known_stream WHERE stream_id LIKE '%eam-5999%'")) {
                    assertThat(last.next()).isTrue();
                    assertThat(last.getString(1)).isEqualTo("trgm-stream-5999");
                }
            } finally {
                connection.rollback();
            }
        }
    }

    /** The pending pages and pending trigram entries of the known streams' trigram index. */
    private static long[] pending(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery(
                "SELECT pending_pages, pending_tuples FROM pgstatginindex('known_stream_trgm_idx')")) {
            row.next();
            return new long[] {row.getLong(1), row.getLong(2)};
        }
    }
}
