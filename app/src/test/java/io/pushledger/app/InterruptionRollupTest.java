package io.pushledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * interruptions_by_day (V5) always equals a GROUP BY over the ended sessions of push_session, whatever
 * is written: inserts, upserts, updates that move a session between groups or days, sessions ending,
 * deletes one at a time and in batches (retention), rolled-back transactions, concurrent writers.
 * The comparison covers the whole table, so any drift left by any test would show. A span of past days
 * (V15) over the test's days equals those days summed from interruptions_by_stream_day, as they are written
 * and as it rolls.
 */
@QuarkusTest
class InterruptionRollupTest {

    private static final String ROLLUP = """
            SELECT day, domain, app_name, region, category, errcode, abnormal, sessions FROM interruptions_by_day
            ORDER BY 1, 2, 3, 4, 5, 6, 7""";
    private static final String GROUPED = """
            SELECT (ended_at AT TIME ZONE 'UTC')::date, domain, app_name, region, category, errcode, abnormal, count(*)
            FROM push_session WHERE status = 'ENDED' GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7""";
    private static final String STREAM_ROLLUP = """
            SELECT day, stream_id, domain, app_name, sessions FROM interruptions_by_stream_day ORDER BY 1, 2, 3, 4""";
    private static final String STREAM_GROUPED = """
            SELECT (ended_at AT TIME ZONE 'UTC')::date, stream_id, domain, app_name, count(*)
            FROM push_session WHERE status = 'ENDED' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4""";
    /** A span of 3 days (2 past days), which the service does not roll (it rolls the console's 7 and 30). */
    private static final String SPAN_ROWS = """
            SELECT stream_id, domain, app_name, sessions FROM interruptions_by_stream_span WHERE days = 3
            ORDER BY 1, 2, 3""";
    private static final String SPAN_SUMMED = """
            SELECT d.stream_id, d.domain, d.app_name, sum(d.sessions) FROM interruptions_by_stream_day AS d
            JOIN interruptions_span AS span ON span.days = 3 AND d.day >= span.first_day AND d.day < span.end_day
            GROUP BY 1, 2, 3 ORDER BY 1, 2, 3""";
    private static final String UPSERT = """
            INSERT INTO push_session (sequence, domain, app_name, stream_id, status, started_at, start_inferred,
                ended_at, errcode, category, abnormal, region, updated_at)
            VALUES (?, ?, ?, 'rollup-stream', ?, ?, false, ?, ?, ?, ?, ?, now())
            ON CONFLICT (sequence) DO UPDATE SET domain = EXCLUDED.domain, app_name = EXCLUDED.app_name,
                status = EXCLUDED.status, started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at,
                errcode = EXCLUDED.errcode, category = EXCLUDED.category, abnormal = EXCLUDED.abnormal,
                region = EXCLUDED.region, updated_at = EXCLUDED.updated_at""";
    /** (errcode, category, abnormal) as sessions end, NULLs included. */
    private static final Object[][] CAUSES = {
        {1, "CLIENT_STOPPED", false}, {12, "NETWORK_ERROR", true}, {14, "NETWORK_ERROR", true},
        {null, "UNKNOWN", true}, {null, "UNKNOWN", null}, {5, "INTERNAL_ERROR", true}};
    private static final String[] REGIONS = {"MAINLAND", "OUTSIDE_MAINLAND", "UNKNOWN"};

    @Inject
    HistoryRetentionJob retention;

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Midnight of a UTC day in 2200–2300 that no other test writes to. */
    private final OffsetDateTime firstDay = LocalDate.of(2200, 1, 1).plusDays(new Random().nextInt(36_000))
            .atStartOfDay().atOffset(ZoneOffset.UTC);

    @Test
    void theRollupEqualsTheEndedSessionsGroupedAfterEveryKindOfWrite() throws SQLException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sequences.add("rollup-" + run + "-" + i);
        }
        try (Connection connection = ledger.connect()) {
            // The first two of the three days written; then the last two, then none.
            rollSpan(connection, firstDay.plusDays(2));
            for (int step = 0; step < 600; step++) {
                String sequence = sequences.get(random.nextInt(sequences.size()));
                switch (random.nextInt(10)) {
                    case 0, 1, 2 -> upsert(connection, sequence, random);
                    case 3 -> endLiveSession(connection, sequence, random);
                    case 4 -> reclassify(connection, sequence, cause(random));
                    case 5 -> update(connection, "UPDATE push_session SET domain = ?, app_name = ?, region = ?, stream_id = ?"
                            + " WHERE sequence = ?", domain(random), appName(random), region(random),
                            "rollup-stream-" + random.nextInt(3), sequence);
                    case 6 -> update(connection, "UPDATE push_session SET ended_at = ? WHERE sequence = ?"
                            + " AND status = 'ENDED'", endedAt(random), sequence);
                    case 7 -> update(connection, "UPDATE push_session SET node = ? WHERE sequence = ?", "n" + step, sequence);
                    case 8 -> update(connection, "DELETE FROM push_session WHERE sequence = ?", sequence);
                    default -> rolledBack(connection, sequence, random);
                }
                if (step % 100 == 99) {
                    assertThat(rows(connection, ROLLUP)).as("seed %d, step %d", seed, step)
                            .isEqualTo(rows(connection, GROUPED));
                    assertThat(rows(connection, STREAM_ROLLUP)).as("by stream: seed %d, step %d", seed, step)
                            .isEqualTo(rows(connection, STREAM_GROUPED));
                    assertThat(rows(connection, SPAN_ROWS)).as("span: seed %d, step %d", seed, step)
                            .isNotEmpty().isEqualTo(rows(connection, SPAN_SUMMED));
                }
                if (step == 299) {
                    rollSpan(connection, firstDay.plusDays(3));
                    assertThat(rows(connection, SPAN_ROWS)).as("span rolled: seed %d", seed)
                            .isEqualTo(rows(connection, SPAN_SUMMED));
                }
            }
            // A batch of deletes in one statement, as retention sends it, then the retention job itself on
            // sessions that ended before its cutoff (1970 here; see HistoryRetentionJobTest).
            update(connection, "DELETE FROM push_session WHERE sequence IN (SELECT sequence FROM push_session"
                    + " WHERE sequence LIKE ? ORDER BY started_at LIMIT 15)", "rollup-" + run + "-%");
            for (String sequence : sequences.subList(0, 10)) {
                upsert(connection, sequence, random);
                update(connection, "UPDATE push_session SET started_at = '1970-03-01Z', ended_at = CASE status"
                        + " WHEN 'ENDED' THEN CAST('1970-03-02Z' AS timestamptz) END WHERE sequence = ?", sequence);
            }
            retention.expireHistory();
            assertThat(rows(connection, "SELECT 1 FROM push_session WHERE ended_at < '1971-01-01Z'")).isEmpty();
            assertThat(rows(connection, ROLLUP)).as("seed %d, at the end", seed).isEqualTo(rows(connection, GROUPED));
            assertThat(rows(connection, STREAM_ROLLUP)).as("by stream: seed %d, at the end", seed)
                    .isEqualTo(rows(connection, STREAM_GROUPED));
            assertThat(rows(connection, SPAN_ROWS)).as("span: seed %d, at the end", seed)
                    .isEqualTo(rows(connection, SPAN_SUMMED));
            rollSpan(connection, firstDay.plusDays(40));
            assertThat(rows(connection, SPAN_ROWS)).as("span summed afresh: seed %d", seed)
                    .isEqualTo(rows(connection, SPAN_SUMMED));
            update(connection, "DELETE FROM interruptions_by_stream_span WHERE days = 3");
            update(connection, "DELETE FROM interruptions_span WHERE days = 3");
        }
    }

    /** The test's span moved to the past days of the 3-day window ending on {@code today}'s UTC day. */
    private static void rollSpan(Connection connection, OffsetDateTime today) throws SQLException {
        update(connection, "SELECT interruptions_span_roll(CAST(3 AS smallint), ?)", today.toLocalDate());
    }

    /**
     * V8 counts per statement, from the statement's transition tables: one statement inserting and
     * updating several sessions (as the callback path writes a group), and one moving many sessions
     * between groups and days at once, must count each session once.
     */
    @Test
    void statementsWritingManySessionsAtOnceKeepItExact() throws SQLException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pool.add("rollup-" + run + "-many-" + i);
        }
        String tuple = "(?, ?, ?, 'rollup-stream', ?, ?, false, ?, ?, ?, ?, ?, now())";
        String eightAtOnce = UPSERT.replace(tuple, String.join(", ", Collections.nCopies(8, tuple)));
        try (Connection connection = ledger.connect()) {
            for (int round = 0; round < 40; round++) {
                Collections.shuffle(pool, random);
                List<Object> parameters = new ArrayList<>();
                for (String sequence : pool.subList(0, 8)) {
                    boolean ended = random.nextInt(10) < 7;
                    Object[] cause = ended ? cause(random) : new Object[3];
                    parameters.addAll(Arrays.asList(sequence, domain(random), appName(random),
                            ended ? "ENDED" : "LIVE", firstDay.minusHours(1), ended ? endedAt(random) : null,
                            cause[0], cause[1], cause[2], region(random)));
                }
                update(connection, eightAtOnce, parameters.toArray());
                if (round % 4 == 3) {
                    update(connection, "UPDATE push_session SET region = CASE region WHEN 'MAINLAND' THEN 'UNKNOWN'"
                            + " ELSE 'MAINLAND' END, ended_at = ended_at + interval '13 hours' WHERE sequence LIKE ?",
                            "rollup-" + run + "-many-%");
                }
                assertThat(rows(connection, ROLLUP)).as("seed %d, round %d", seed, round)
                        .isEqualTo(rows(connection, GROUPED));
            }
        }
    }

    @Test
    void concurrentWritersToTheSameGroupsKeepItExactWithoutDeadlocks() throws Exception {
        // Each writer ends sessions in two shared groups and deletes them again, so the groups keep
        // emptying (and their rows being deleted) while others add to them, and moves sessions between
        // the two groups in both directions, which locks both rows in one statement.
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    try (Connection connection = ledger.connect()) {
                        for (int i = 0; i < 60; i++) {
                            String sequence = "rollup-" + run + "-w" + writer + "-" + i;
                            String group = (writer + i) % 2 == 0 ? "hot-a." + run : "hot-b." + run;
                            String other = group.startsWith("hot-a") ? "hot-b." + run : "hot-a." + run;
                            update(connection, "INSERT INTO push_session (sequence, domain, app_name, stream_id,"
                                    + " status, started_at, start_inferred, ended_at, errcode, category, abnormal,"
                                    + " region, updated_at) VALUES (?, ?, 'live', 'rollup-stream', 'ENDED', ?, false,"
                                    + " ?, 1, 'CLIENT_STOPPED', false, 'MAINLAND', now())",
                                    sequence, group, firstDay, firstDay.plusHours(1));
                            update(connection, "UPDATE push_session SET domain = ? WHERE sequence = ?", other, sequence);
                            if (i % 3 != 0) {
                                update(connection, "DELETE FROM push_session WHERE sequence = ?", sequence);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : done) {
                writer.get();
            }
        } finally {
            pool.shutdown();
        }
        try (Connection connection = ledger.connect()) {
            assertThat(rows(connection, ROLLUP)).isEqualTo(rows(connection, GROUPED));
            assertThat(rows(connection, "SELECT sum(sessions) FROM interruptions_by_day WHERE domain LIKE 'hot-_." + run + "'"))
                    .containsExactly(List.of(8L * 20));
        }
    }

    /** An insert or an update of every counted column, as the callback path writes a session. */
    private void upsert(Connection connection, String sequence, Random random) throws SQLException {
        int status = random.nextInt(10);
        boolean ended = status < 7;
        Object[] cause = ended ? cause(random) : new Object[3];
        update(connection, UPSERT, sequence, domain(random), appName(random),
                ended ? "ENDED" : status < 9 ? "LIVE" : "STALE", firstDay.minusHours(1),
                ended ? endedAt(random) : null, cause[0], cause[1], cause[2], region(random));
    }

    private void endLiveSession(Connection connection, String sequence, Random random) throws SQLException {
        Object[] cause = cause(random);
        update(connection, "UPDATE push_session SET status = 'ENDED', ended_at = ?, errcode = ?, category = ?,"
                + " abnormal = ? WHERE sequence = ? AND status <> 'ENDED'", endedAt(random), cause[0], cause[1], cause[2],
                sequence);
    }

    private static void reclassify(Connection connection, String sequence, Object[] cause) throws SQLException {
        update(connection, "UPDATE push_session SET errcode = ?, category = ?, abnormal = ? WHERE sequence = ?"
                + " AND status = 'ENDED'", cause[0], cause[1], cause[2], sequence);
    }

    /** Writes that are rolled back leave the rollup as it was. */
    private void rolledBack(Connection connection, String sequence, Random random) throws SQLException {
        connection.setAutoCommit(false);
        try {
            upsert(connection, sequence, random);
            update(connection, "DELETE FROM push_session WHERE sequence = ?", sequence);
            upsert(connection, sequence, random);
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /** Up to three days, sometimes exactly at midnight, so that moves cross days. */
    private OffsetDateTime endedAt(Random random) {
        return random.nextInt(5) == 0
                ? firstDay.plusDays(random.nextInt(3))
                : firstDay.plusSeconds(random.nextInt(3 * 86_400));
    }

    private String domain(Random random) {
        return random.nextInt(4) == 0 ? null : "d" + random.nextInt(3) + "." + run + ".example.com";
    }

    private static String appName(Random random) {
        return random.nextInt(5) == 0 ? null : random.nextBoolean() ? "live" : "app";
    }

    private static String region(Random random) {
        return REGIONS[random.nextInt(REGIONS.length)];
    }

    private static Object[] cause(Random random) {
        return CAUSES[random.nextInt(CAUSES.length)];
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        }
    }

    private static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
                    Object value = result.getObject(c);
                    row.add(value instanceof Number number ? (Object) number.longValue() : value);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
