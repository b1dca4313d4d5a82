package io.pushledger.app;

import static io.pushledger.app.HistoryApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/stats/interruptions answers from interruptions_by_day (whole UTC days) plus push_session
 * (the partial days at the edges) exactly what a GROUP BY over push_session answers: same total, same
 * groups in the same order, ties and NULL keys included, for random windows, filters, groupings and limits,
 * windows starting before noon counted as their first day whole less its hours before (ADR 19) included.
 */
@QuarkusTest
class InterruptionStatsFromRollupTest {

    private static final String STATS = "/api/v1/stats/interruptions";
    private static final int DAYS = 6;
    private static final Map<String, String> KEYS = Map.of(
            "category", "category", "errcode", "errcode", "domain", "domain", "region", "region", "streamId", "stream_id");
    private static final String[] CATEGORIES = {"CLIENT_STOPPED", "NETWORK_ERROR", "UNKNOWN", "INTERNAL_ERROR"};

    private final Ledger ledger = Ledger.ofTestDatabase();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    /** A UTC midnight in 2300–2400, where no other test writes. */
    private final Instant firstDay = LocalDate.of(2300, 1, 1).plusDays(new Random().nextInt(36_000))
            .atStartOfDay(ZoneOffset.UTC).toInstant();

    /**
     * 3,000 sessions over six days: five domains (one in five sessions without one), two app names,
     * three regions, causes with and without an errcode, one session in twenty still open.
     */
    @BeforeEach
    void seed() {
        ledger.execute("""
                INSERT INTO push_session (sequence, domain, app_name, stream_id, status, started_at, start_inferred,
                    ended_at, errcode, category, abnormal, region, updated_at)
                SELECT ? || g,
                    CASE WHEN g % 5 = 0 THEN NULL ELSE 'd' || (g % 7 % 5) || '.' || ? || '.example.com' END,
                    CASE WHEN g % 3 = 0 THEN 'app' ELSE 'live' END,
                    'stats-stream-' || (g % 13) || '-' || ?,
                    CASE WHEN g % 20 = 0 THEN 'LIVE' ELSE 'ENDED' END,
                    ended - interval '10 minutes', false,
                    CASE WHEN g % 20 = 0 THEN NULL ELSE ended END,
                    CASE WHEN g % 20 = 0 OR g % 11 = 0 THEN NULL ELSE (ARRAY[1, 1, 1, 12, 14, 5, 3])[1 + g % 7] END,
                    CASE WHEN g % 20 = 0 THEN NULL WHEN g % 11 = 0 THEN 'UNKNOWN'
                         ELSE (ARRAY['CLIENT_STOPPED', 'CLIENT_STOPPED', 'CLIENT_STOPPED', 'NETWORK_ERROR',
                                     'NETWORK_ERROR', 'INTERNAL_ERROR', 'CLIENT_STOPPED'])[1 + g % 7] END,
                    CASE WHEN g % 20 = 0 THEN NULL WHEN g % 11 = 0 THEN true ELSE g % 7 IN (3, 4, 5) END,
                    (ARRAY['MAINLAND', 'MAINLAND', 'OUTSIDE_MAINLAND', 'UNKNOWN'])[1 + g % 4],
                    now()
                FROM generate_series(1, 3000) AS g,
                    LATERAL (SELECT CAST(? AS timestamptz) + (g * 7919 % 3000) * (? * interval '1 second') / 3000) AS t (ended)
                """, "stats-" + run + "-", run, run, firstDay.atOffset(ZoneOffset.UTC), DAYS * 86_400);
    }

    @Test
    void theRollupAnswersAsTheRawCountForRandomWindowsFiltersAndGroupings() throws SQLException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (Connection connection = ledger.connect()) {
            assertThat(count(connection, "SELECT count(*) FROM interruptions_by_day WHERE domain LIKE ?",
                    "%." + run + ".example.com")).as("the seeded days are in the rollup").isPositive();
            int withEdges = 0;
            for (int i = 0; i < 250; i++) {
                Map<String, Object> query = new LinkedHashMap<>();
                String groupBy = List.copyOf(KEYS.keySet()).get(random.nextInt(KEYS.size()));
                query.put("groupBy", groupBy);
                Instant from = instant(random);
                Instant to = instant(random);
                if (from != null && to != null && from.isAfter(to)) {
                    Instant earlier = to;
                    to = from;
                    from = earlier;
                }
                if (from != null) {
                    query.put("from", from.toString());
                }
                if (to != null) {
                    query.put("to", to.toString());
                }
                if (from == null && to == null || random.nextBoolean()) {
                    query.put("domain", "d" + random.nextInt(5) + "." + run + ".example.com");
                }
                if (random.nextInt(4) == 0) {
                    query.put("appName", random.nextBoolean() ? "app" : "live");
                }
                if (random.nextInt(4) == 0) {
                    query.put("category", CATEGORIES[random.nextInt(CATEGORIES.length)]);
                }
                if (random.nextInt(4) == 0) {
                    query.put("abnormal", random.nextBoolean());
                }
                if (random.nextInt(8) == 0) {
                    query.put("status", "ENDED");
                }
                int limit = random.nextInt(3) == 0 ? 1 + random.nextInt(4) : 100;
                if (limit != 100) {
                    query.put("limit", limit);
                }
                withEdges += from != null && !isMidnight(from) || to != null && !isMidnight(to) ? 1 : 0;

                assertAnswersAsTheRawCount(connection, query, limit, seed);
            }
            assertThat(withEdges).as("windows with a partial day at an edge").isGreaterThan(50);
        }
    }

    /**
     * A span of past days (V15) starting where a window starts serves its top streams: a span of 4 days rolled to
     * the test's fourth day, windows from the second day's midnight, open or ending on a later day.
     */
    @Test
    void theTopStreamsFromASpanOfPastDaysAnswerAsTheRawCount() throws SQLException {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Instant spanStart = firstDay.plusSeconds(86_400);
        try (Connection connection = ledger.connect()) {
            try (PreparedStatement roll = connection.prepareStatement("SELECT interruptions_span_roll(CAST(4 AS smallint), ?)")) {
                roll.setObject(1, LocalDate.ofInstant(firstDay.plusSeconds(4 * 86_400), ZoneOffset.UTC));
                roll.execute();
            }
            try {
                for (int i = 0; i < 30; i++) {
                    Map<String, Object> query = new LinkedHashMap<>();
                    query.put("groupBy", "streamId");
                    query.put("from", spanStart.toString());
                    if (random.nextBoolean()) {
                        query.put("to", firstDay.plusSeconds(86_400L * (4 + random.nextInt(DAYS - 3))
                                + (random.nextBoolean() ? 0 : random.nextInt(86_400))).toString());
                    }
                    if (random.nextBoolean()) {
                        query.put("domain", "d" + random.nextInt(5) + "." + run + ".example.com");
                    }
                    if (random.nextInt(4) == 0) {
                        query.put("appName", random.nextBoolean() ? "app" : "live");
                    }
                    int limit = random.nextBoolean() ? 1 + random.nextInt(4) : 100;
                    query.put("limit", limit);
                    assertAnswersAsTheRawCount(connection, query, limit, seed);
                }
            } finally {
                try (Statement delete = connection.createStatement()) {
                    delete.execute("DELETE FROM interruptions_by_stream_span WHERE days = 4");
                    delete.execute("DELETE FROM interruptions_span WHERE days = 4");
                }
            }
        }
    }

    private void assertAnswersAsTheRawCount(Connection connection, Map<String, Object> query, int limit, long seed)
            throws SQLException {
        String groupBy = query.get("groupBy").toString();
        JsonPath answer = ok(STATS, query).extract().jsonPath();
        List<List<Object>> expected = rawCount(connection, KEYS.get(groupBy), query);
        long total = expected.stream().mapToLong(group -> (Long) group.get(1)).sum();
        List<List<Object>> groups = new ArrayList<>();
        List<Object> keys = answer.getList("groups.key");
        List<Number> counts = answer.getList("groups.count");
        for (int g = 0; g < keys.size(); g++) {
            Object key = keys.get(g) instanceof Number number ? (Object) number.longValue() : keys.get(g);
            groups.add(List.of(key == null ? "NULL" : key, counts.get(g).longValue()));
        }
        assertThat(answer.getLong("total")).as("seed %d, query %s", seed, query).isEqualTo(total);
        assertThat(groups).as("seed %d, query %s", seed, query)
                .isEqualTo(expected.subList(0, Math.min(limit, expected.size())));
    }

    /** The count as the adapter made it before the rollup: every matching ended session, grouped. */
    private static List<List<Object>> rawCount(Connection connection, String key, Map<String, Object> query)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + key + ", count(*) FROM push_session WHERE status = 'ENDED'");
        List<Object> parameters = new ArrayList<>();
        for (String filter : List.of("domain", "appName", "category", "abnormal", "status")) {
            if (query.containsKey(filter)) {
                String column = filter.equals("appName") ? "app_name" : filter;
                sql.append(" AND ").append(column).append(filter.equals("abnormal") ? " = ?::boolean" : " = ?");
                parameters.add(query.get(filter).toString());
            }
        }
        if (query.containsKey("from")) {
            sql.append(" AND ended_at >= ?::timestamptz");
            parameters.add(query.get("from"));
        }
        if (query.containsKey("to")) {
            sql.append(" AND ended_at < ?::timestamptz");
            parameters.add(query.get("to"));
        }
        sql.append(" GROUP BY 1 ORDER BY 2 DESC, 1 ASC NULLS LAST");
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i).toString());
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<List<Object>> groups = new ArrayList<>();
                while (rows.next()) {
                    Object value = rows.getObject(1);
                    Object groupKey = value == null ? "NULL" : value instanceof Number number ? number.longValue() : value;
                    groups.add(List.of(groupKey, rows.getLong(2)));
                }
                return groups;
            }
        }
    }

    /**
     * Open (null) one time in ten, a midnight of the seeded days or just around them three in ten, and
     * otherwise any second from a day before the first to a day after the last.
     */
    private Instant instant(Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return null;
        }
        if (kind <= 3) {
            return firstDay.plusSeconds(86_400L * (random.nextInt(DAYS + 3) - 1));
        }
        return firstDay.plusSeconds(random.nextInt((DAYS + 2) * 86_400) - 86_400);
    }

    private static boolean isMidnight(Instant instant) {
        return instant.getEpochSecond() % 86_400 == 0;
    }

    private static long count(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
