package io.pushledger.app;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the tables with plain SQL, apart from the code under test, to check what was stored. Not a
 * bean, so that the integration tests, which run outside the application, can use it too: it connects
 * with the datasource settings Maven passes to both test phases.
 */
final class Ledger {

    private final String url;
    private final String username;
    private final String password;

    private Ledger(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    static Ledger ofTestDatabase() {
        Config config = ConfigProvider.getConfig();
        return new Ledger(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }

    String jdbcUrl() {
        return url;
    }

    /** Settings for a process of the application under test, as environment variables. */
    Map<String, String> asEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("QUARKUS_DATASOURCE_JDBC_URL", url);
        if (username != null) {
            environment.put("QUARKUS_DATASOURCE_USERNAME", username);
        }
        if (password != null) {
            environment.put("QUARKUS_DATASOURCE_PASSWORD", password);
        }
        return environment;
    }

    List<Map<String, Object>> sessions(String sequence) {
        return rows("SELECT * FROM push_session WHERE sequence = ?", sequence);
    }

    Map<String, Object> session(String sequence) {
        List<Map<String, Object>> rows = sessions(sequence);
        if (rows.size() != 1) {
            throw new AssertionError("expected one session " + sequence + ", found " + rows.size());
        }
        return rows.get(0);
    }

    List<Map<String, Object>> sessionsOnStream(String streamId) {
        return rows("SELECT * FROM push_session WHERE stream_id = ? ORDER BY started_at", streamId);
    }

    List<Map<String, Object>> pushEvents(String sequence) {
        return rows("SELECT *, body::text AS body_text FROM callback_event WHERE sequence = ? ORDER BY event_type",
                sequence);
    }

    List<Map<String, Object>> eventsOnStream(String streamId) {
        return rows("SELECT *, body::text AS body_text FROM callback_event WHERE stream_id = ?", streamId);
    }

    /** Push events on every stream whose id starts with the prefix, for the tests that send thousands. */
    List<Map<String, Object>> pushEventsOnStreamsStartingWith(String prefix) {
        return rows("SELECT sequence, event_type, deliveries FROM callback_event WHERE starts_with(stream_id, ?)",
                prefix);
    }

    List<Map<String, Object>> sessionsOnStreamsStartingWith(String prefix) {
        return rows("SELECT * FROM push_session WHERE starts_with(stream_id, ?)", prefix);
    }

    /** The single number a query answers, such as a count. */
    long count(String sql, Object... parameters) {
        return ((Number) rows(sql, parameters).getFirst().values().iterator().next()).longValue();
    }

    /** Which of these sequences have a push event stored, in one query however many they are. */
    Set<String> sequencesWithEvents(Collection<String> sequences) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT DISTINCT sequence FROM callback_event WHERE sequence = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("text", sequences.toArray()));
            Set<String> found = new HashSet<>();
            try (ResultSet resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    found.add(resultSet.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void execute(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet resultSet = statement.executeQuery()) {
                ResultSetMetaData meta = resultSet.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (resultSet.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), resultSet.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
