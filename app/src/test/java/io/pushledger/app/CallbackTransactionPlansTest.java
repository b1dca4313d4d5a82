package io.pushledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.pushledger.adapter.persistence.CallbackPool;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.StreamId;
import io.pushledger.domain.model.StreamPath;
import io.pushledger.domain.port.out.SessionLedger;
import io.pushledger.domain.port.out.Transactions;
import io.quarkus.agroal.DataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The callback path's transaction plans a statement once and by its index even on a table that was small when the
 * plan was made — where a cached plan would otherwise scan the table whole on every group once it has grown, until the
 * next ANALYZE (ADR 17) — and the group's surroundings read looks up each path's live sessions rather than joining the
 * paths with every live session.
 */
@QuarkusTest
class CallbackTransactionPlansTest {

    @Inject
    Transactions transactions;

    @Inject
    SessionLedger sessions;

    /** The pool the callback transactions write on. */
    @Inject
    @DataSource(CallbackPool.NAME)
    AgroalDataSource callbacks;

    /** The pool everything else writes on. */
    @Inject
    AgroalDataSource others;

    @Test
    void theCallbackTransactionCachesOneGenericPlanThatReadsASmallTableByItsIndex() {
        List<String> plan = transactions.inOne(() -> planOfAKeyedReadOnASmallTable(callbacks));
        assertThat(plan).anyMatch(line -> line.contains("Index Cond: (k = ANY ($1))"))
                .noneMatch(line -> line.contains("Seq Scan"));
    }

    @Test
    void aGenericPlanWithoutTheCallbackTransactionsSettingsScansTheTableWhole() {
        List<String> plan = QuarkusTransaction.requiringNew().call(() -> {
            execute(others, "SET LOCAL plan_cache_mode = force_generic_plan");
            return planOfAKeyedReadOnASmallTable(others);
        });
        assertThat(plan).anyMatch(line -> line.contains("Seq Scan on plan_probe"));
    }

    @Test
    void aScanThatIsTheOnlyWayIsNotCompiledThoughItsCostLooksHuge() {
        List<String> plan = transactions.inOne(() -> {
            execute(callbacks, "CREATE TEMPORARY TABLE no_index_probe (v bigint) ON COMMIT DROP");
            execute(callbacks, "INSERT INTO no_index_probe VALUES (1)");
            return query(callbacks, "EXPLAIN (ANALYZE) UPDATE no_index_probe SET v = v + 1 RETURNING v");
        });
        assertThat(plan).anyMatch(line -> line.contains("Seq Scan on no_index_probe"))
                .noneMatch(line -> line.startsWith("JIT:"));
    }

    @Test
    void theCallbackTransactionKeepsItsStatementTimeout() {
        assertThat(transactions.inOne(() -> query(callbacks, "SHOW statement_timeout"))).containsExactly("5s");
    }

    @Test
    void theSurroundingsReadLooksUpItsPathsLiveSessionsOnlyHoweverManyWentLiveSinceItsPlanWasCached() {
        StreamPath path = new StreamPath("plans.example.com", "live", new StreamId("plans-" + UUID.randomUUID()));
        Map<StreamPath, Instant> paths = new HashMap<>();
        paths.put(path, null);
        List<Sequence> sequences = List.of(new Sequence("plans-" + UUID.randomUUID()));
        QuarkusTransaction.begin();
        try {
            // Planned and cached (pgjdbc prepares on the server from the fifth use) before the sessions go live.
            for (int i = 0; i < 6; i++) {
                sessions.surroundings(sequences, paths);
            }
            execute(callbacks, "INSERT INTO push_session (sequence, stream_id, status, started_at, start_inferred,"
                    + " region, updated_at) SELECT 'plans-live-' || g, 'plans-live-' || g, 'LIVE', now(), false,"
                    + " 'MAINLAND', now() FROM generate_series(1, 3000) AS g");
            long fetchedBefore = pushSessionRowsFetchedByIndexes();

            assertThat(sessions.surroundings(sequences, paths).others().get(path).live()).isEmpty();
            assertThat(pushSessionRowsFetchedByIndexes() - fetchedBefore).isLessThan(10);
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    /** Rows of push_session fetched through its indexes by this transaction so far. */
    private long pushSessionRowsFetchedByIndexes() {
        return Long.parseLong(query(callbacks,
                "SELECT idx_tup_fetch FROM pg_stat_xact_user_tables WHERE relname = 'push_session'").getFirst());
    }

    /** The plan a keyed read gets once cached, on a table analysed while it held 20 rows. */
    private List<String> planOfAKeyedReadOnASmallTable(AgroalDataSource pool) {
        execute(pool, "CREATE TEMPORARY TABLE plan_probe (k text PRIMARY KEY, v text) ON COMMIT DROP");
        execute(pool, "INSERT INTO plan_probe SELECT i::text, 'v' FROM generate_series(1, 20) AS i");
        execute(pool, "ANALYZE plan_probe");
        execute(pool, "PREPARE probe (text[]) AS SELECT v FROM plan_probe WHERE k = ANY ($1)");
        for (int i = 0; i < 6; i++) {
            query(pool, "EXECUTE probe ('{a,b}')");
        }
        List<String> plan = query(pool, "EXPLAIN EXECUTE probe ('{a,b}')");
        execute(pool, "DEALLOCATE probe");
        return plan;
    }

    private static void execute(AgroalDataSource pool, String sql) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> query(AgroalDataSource pool, String sql) {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> lines = new ArrayList<>();
            while (rows.next()) {
                lines.add(rows.getString(1));
            }
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
