package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.ReceivedCallback;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.port.in.CallbackPosition;
import io.pushledger.domain.port.in.TimeRange;
import io.pushledger.domain.port.out.CallbackHistory;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/**
 * {@link CallbackHistory} in plain JDBC on {@code callback_event}: the body is read as the text it was received
 * as (a {@code json} column keeps it byte for byte).
 */
@ApplicationScoped
public class CallbackHistoryPersistenceAdapter implements CallbackHistory {

    private static final String COLUMNS = "SELECT id, event_type, sequence, stream_id, event_time, received_at,"
            + " last_received_at, deliveries, body::text AS body FROM callback_event";

    private final CallbackEventRepository repository;

    CallbackHistoryPersistenceAdapter(CallbackEventRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<ReceivedCallback> list(Integer eventType, String streamId, TimeRange received, CallbackPosition after,
            int max) {
        List<String> clauses = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (eventType != null) {
            clauses.add("event_type = ?");
            parameters.add(eventType);
        }
        if (streamId != null) {
            clauses.add("stream_id = ?");
            parameters.add(streamId);
        }
        if (received.from() != null) {
            clauses.add("received_at >= ?");
            parameters.add(received.from());
        }
        if (received.to() != null) {
            clauses.add("received_at < ?");
            parameters.add(received.to());
        }
        if (after != null) {
            clauses.add("(received_at, id) < (?, ?)");
            parameters.add(after.receivedAt());
            parameters.add(after.id());
        }
        String sql = COLUMNS + (clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses))
                + " ORDER BY received_at DESC, id DESC LIMIT ?";
        parameters.add(max);
        return query(sql, parameters);
    }

    @Override
    public List<ReceivedCallback> ofPush(Sequence sequence) {
        return query(COLUMNS + " WHERE sequence = ? ORDER BY event_time, event_type DESC", List.of(sequence.value()));
    }

    private List<ReceivedCallback> query(String sql, List<Object> parameters) {
        return repository.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    bind(statement, i + 1, parameters.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    List<ReceivedCallback> callbacks = new ArrayList<>();
                    while (rows.next()) {
                        callbacks.add(read(rows));
                    }
                    return callbacks;
                }
            }
        });
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            case Instant instant -> Jdbc.setInstant(statement, index, instant);
            case Integer integer -> Jdbc.setInt(statement, index, integer);
            case Long number -> Jdbc.setLong(statement, index, number);
            case String text -> Jdbc.setText(statement, index, text);
            default -> throw new IllegalArgumentException("no binding for " + value.getClass());
        }
    }

    private static ReceivedCallback read(ResultSet row) throws SQLException {
        return new ReceivedCallback(
                row.getLong("id"),
                row.getInt("event_type"),
                row.getString("sequence"),
                row.getString("stream_id"),
                instant(row, "event_time"),
                instant(row, "received_at"),
                instant(row, "last_received_at"),
                row.getInt("deliveries"),
                row.getString("body"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
