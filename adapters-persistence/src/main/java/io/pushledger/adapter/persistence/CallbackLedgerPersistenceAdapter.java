package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.OtherEvent;
import io.pushledger.domain.model.PushEvent;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.port.out.CallbackLedger;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link CallbackLedger} on the {@code callback_event} table. Idempotency is the database's: the
 * insert meets the unique constraint of an earlier delivery and counts one more delivery instead,
 * waiting for a concurrent first delivery to commit rather than failing. On the {@link CallbackPool}, like the whole
 * write side; callers provide the transaction.
 */
@ApplicationScoped
public class CallbackLedgerPersistenceAdapter implements CallbackLedger {

    /** One row per distinct event of a group, with how many times the group delivers it. */
    private static final UnnestedColumns<Row> ROW = new UnnestedColumns<Row>()
            .add("event_type", "int4", row -> row.event().eventType())
            .add("sequence", "text", row -> row.event() instanceof PushEvent push ? push.sequence().value() : null)
            .add("body_sha256", "text", row -> row.event() instanceof OtherEvent other ? other.fingerprint().sha256Hex() : null)
            .add("stream_id", "text", row -> switch (row.event()) {
                case PushEvent push -> push.path().streamId().value();
                case OtherEvent other -> other.streamId();
            })
            .add("event_time", "timestamptz", row -> switch (row.event()) {
                case PushEvent push -> push.details().eventTime();
                case OtherEvent other -> other.eventTime();
            })
            .add("received_at", "timestamptz", Row::receivedAt)
            .add("last_received_at", "timestamptz", Row::lastReceivedAt)
            .add("deliveries", "int4", Row::deliveries)
            .add("body", "text", Row::body);
    private static final String INSERT = "INSERT INTO callback_event AS stored (" + ROW.names() + ")"
            + " SELECT event_type, sequence, body_sha256, stream_id, event_time, received_at, last_received_at,"
            + " deliveries, CAST(body AS json) FROM " + ROW.unnestAs("received");
    private static final String ON_REPEAT = " DO UPDATE SET deliveries = stored.deliveries + EXCLUDED.deliveries,"
            + " last_received_at = EXCLUDED.last_received_at RETURNING deliveries, ";
    private static final String RECORD_PUSH = INSERT + " ON CONFLICT (sequence, event_type)" + ON_REPEAT
            + "sequence || '/' || event_type";
    private static final String RECORD_OTHER = INSERT + " ON CONFLICT (body_sha256)" + ON_REPEAT + "body_sha256";

    private final CallbackPool callbackPool;

    CallbackLedgerPersistenceAdapter(CallbackPool callbackPool) {
        this.callbackPool = callbackPool;
    }

    @Override
    public List<Delivery> recordAll(List<Received> received) {
        return callbackPool.work(connection -> {
            // Push and other events in one statement each. An event twice in the list is one row delivered
            // twice (a statement may not change a row twice): the first delivery in the list is the event's
            // first if the row is new, every later one a repeat.
            Map<String, Row> pushes = new LinkedHashMap<>();
            Map<String, Row> others = new LinkedHashMap<>();
            String[] identities = new String[received.size()];
            for (int i = 0; i < received.size(); i++) {
                Received one = received.get(i);
                identities[i] = identity(one.event());
                (one.event() instanceof PushEvent ? pushes : others)
                        .merge(identities[i], new Row(one), Row::deliveredAgain);
            }
            Map<String, Integer> stored = new HashMap<>();
            insert(connection, RECORD_PUSH, pushes, stored);
            insert(connection, RECORD_OTHER, others, stored);
            List<Delivery> deliveries = new ArrayList<>(received.size());
            Set<String> seen = new HashSet<>();
            for (String identity : identities) {
                Row row = pushes.containsKey(identity) ? pushes.get(identity) : others.get(identity);
                boolean inserted = stored.get(identity) == row.deliveries();
                deliveries.add(seen.add(identity) && inserted ? Delivery.FIRST : Delivery.REPEATED);
            }
            return deliveries;
        });
    }

    /** The key the event's unique index knows it by, as the statements return it. */
    private static String identity(CallbackEvent event) {
        return switch (event) {
            case PushEvent push -> push.sequence().value() + "/" + push.eventType();
            case OtherEvent other -> other.fingerprint().sha256Hex();
        };
    }

    /** Writes the rows and puts each one's delivery count after the write under its identity. */
    private static void insert(Connection connection, String sql, Map<String, Row> rows, Map<String, Integer> stored)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            ROW.bind(insert, 1, connection, List.copyOf(rows.values()));
            try (ResultSet written = insert.executeQuery()) {
                while (written.next()) {
                    stored.put(written.getString(2), written.getInt(1));
                }
            }
        }
    }

    @Override
    public int deletePushEventsOf(Collection<Sequence> sequences) {
        if (sequences.isEmpty()) {
            return 0;
        }
        return callbackPool.work(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM callback_event WHERE sequence = ANY (CAST(? AS text[])) AND event_type IN (0, 1)")) {
                delete.setArray(1, connection.createArrayOf("text", sequences.stream().map(Sequence::value).toArray()));
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public int deleteOthersReceivedBefore(Instant cutoff, int limit) {
        return callbackPool.work(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("""
                    DELETE FROM callback_event WHERE id IN (
                        SELECT id FROM callback_event WHERE received_at < ? AND event_type NOT IN (0, 1)
                        ORDER BY received_at LIMIT ?)
                    """)) {
                Jdbc.setInstant(delete, 1, cutoff);
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
    }

    /** A distinct event of the group: its first delivery's body and time, its last delivery's time, how many. */
    private record Row(CallbackEvent event, String body, Instant receivedAt, Instant lastReceivedAt, int deliveries) {

        Row(Received received) {
            this(received.event(), received.body(), received.receivedAt(), received.receivedAt(), 1);
        }

        Row deliveredAgain(Row later) {
            return new Row(event, body, receivedAt, later.lastReceivedAt(), deliveries + later.deliveries());
        }
    }
}
