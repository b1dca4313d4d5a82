package io.pushledger.app;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the tables with plain SQL, apart from the code under test, to check what was stored. */
@ApplicationScoped
class Ledger {

    private final AgroalDataSource dataSource;

    Ledger(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
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

    void execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
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
        try (Connection connection = dataSource.getConnection();
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
