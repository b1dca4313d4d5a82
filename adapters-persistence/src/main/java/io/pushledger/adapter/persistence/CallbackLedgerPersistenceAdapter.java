package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.OtherEvent;
import io.pushledger.domain.model.PushEvent;
import io.pushledger.domain.port.out.CallbackLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/**
 * {@link CallbackLedger} on the {@code callback_event} table. Idempotency is the database's: the
 * insert meets the unique constraint of an earlier delivery and counts one more delivery instead,
 * waiting for a concurrent first delivery to commit rather than failing.
 */
@ApplicationScoped
public class CallbackLedgerPersistenceAdapter implements CallbackLedger {

    private static final String INSERT = """
            INSERT INTO callback_event (event_type, sequence, body_sha256, stream_id, event_time,
                received_at, last_received_at, body)
            VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS json))
            """;
    // pgjdbc appends RETURNING deliveries: asked for as generated keys, it comes back for a whole batch.
    private static final String ON_REPEAT = """
             DO UPDATE SET deliveries = callback_event.deliveries + 1,
                last_received_at = EXCLUDED.last_received_at
            """;
    private static final String RECORD_PUSH = INSERT + "ON CONFLICT (sequence, event_type)" + ON_REPEAT;
    private static final String RECORD_OTHER = INSERT + "ON CONFLICT (body_sha256)" + ON_REPEAT;

    private final CallbackEventRepository repository;

    CallbackLedgerPersistenceAdapter(CallbackEventRepository repository) {
        this.repository = repository;
    }

    @Override
    public List<Delivery> recordAll(List<Received> received) {
        return repository.getEntityManager().unwrap(Session.class).doReturningWork(connection -> {
            List<Delivery> deliveries = new ArrayList<>(received.size());
            // Push and other events in two batches, each sent in one round trip; the answers keep the list's order.
            List<Integer> pushes = new ArrayList<>();
            List<Integer> others = new ArrayList<>();
            for (int i = 0; i < received.size(); i++) {
                (received.get(i).event() instanceof PushEvent ? pushes : others).add(i);
                deliveries.add(null);
            }
            insert(connection, RECORD_PUSH, received, pushes, deliveries);
            insert(connection, RECORD_OTHER, received, others, deliveries);
            return deliveries;
        });
    }

    private static void insert(Connection connection, String sql, List<Received> received, List<Integer> indexes,
            List<Delivery> deliveries) throws SQLException {
        if (indexes.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(sql, new String[] {"deliveries"})) {
            for (int index : indexes) {
                Received one = received.get(index);
                bind(insert, one.event(), one.body(), one.receivedAt());
                insert.addBatch();
            }
            insert.executeBatch();
            try (ResultSet counts = insert.getGeneratedKeys()) {
                for (int index : indexes) {
                    counts.next();
                    deliveries.set(index, counts.getInt(1) == 1 ? Delivery.FIRST : Delivery.REPEATED);
                }
            }
        }
    }

    @Override
    public int deleteReceivedBefore(Instant cutoff, int limit) {
        return repository.getEntityManager().createNativeQuery("""
                        DELETE FROM callback_event WHERE id IN (
                            SELECT id FROM callback_event WHERE received_at < :cutoff
                            ORDER BY received_at LIMIT :limit)
                        """)
                .setParameter("cutoff", cutoff)
                .setParameter("limit", limit)
                .executeUpdate();
    }

    private static void bind(PreparedStatement s, CallbackEvent event, String body, Instant receivedAt)
            throws SQLException {
        Jdbc.setInt(s, 1, event.eventType());
        switch (event) {
            case PushEvent push -> {
                Jdbc.setText(s, 2, push.sequence().value());
                Jdbc.setText(s, 3, null);
                Jdbc.setText(s, 4, push.path().streamId().value());
                Jdbc.setInstant(s, 5, push.details().eventTime());
            }
            case OtherEvent other -> {
                Jdbc.setText(s, 2, null);
                Jdbc.setText(s, 3, other.fingerprint().sha256Hex());
                Jdbc.setText(s, 4, other.streamId());
                Jdbc.setInstant(s, 5, other.eventTime());
            }
        }
        Jdbc.setInstant(s, 6, receivedAt);
        Jdbc.setInstant(s, 7, receivedAt);
        Jdbc.setText(s, 8, body);
    }
}
