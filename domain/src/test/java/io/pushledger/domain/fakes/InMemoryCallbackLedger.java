package io.pushledger.domain.fakes;

import io.pushledger.domain.model.CallbackEvent;
import io.pushledger.domain.model.OtherEvent;
import io.pushledger.domain.model.PushEvent;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.port.out.CallbackLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link CallbackLedger} in a map: push events keyed by (sequence, event type), others by body fingerprint. */
public final class InMemoryCallbackLedger implements CallbackLedger {

    /** One stored event: its first delivery's body and time, and how often it was delivered. */
    public record StoredEvent(CallbackEvent event, String body, Instant receivedAt, int deliveries) {
    }

    private record PushKey(Sequence sequence, int eventType) {
    }

    private final Map<Object, StoredEvent> stored = new LinkedHashMap<>();

    @Override
    public synchronized List<Delivery> recordAll(List<Received> received) {
        return received.stream().map(r -> recordOne(r.event(), r.body(), r.receivedAt())).toList();
    }

    private Delivery recordOne(CallbackEvent event, String body, Instant receivedAt) {
        Object key = keyOf(event);
        StoredEvent known = stored.get(key);
        if (known != null) {
            stored.put(key, new StoredEvent(known.event(), known.body(), known.receivedAt(), known.deliveries() + 1));
            return Delivery.REPEATED;
        }
        stored.put(key, new StoredEvent(event, body, receivedAt, 1));
        return Delivery.FIRST;
    }

    @Override
    public synchronized int deleteReceivedBefore(Instant cutoff, int limit) {
        List<Object> expired = stored.entrySet().stream()
                .filter(entry -> entry.getValue().receivedAt().isBefore(cutoff))
                .sorted(java.util.Map.Entry.comparingByValue(java.util.Comparator.comparing(StoredEvent::receivedAt)))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
        expired.forEach(stored::remove);
        return expired.size();
    }

    /** Everything stored, in the order first received. */
    public synchronized List<StoredEvent> all() {
        return List.copyOf(stored.values());
    }

    /** The stored event this one is a delivery of, if any. */
    public synchronized Optional<StoredEvent> find(CallbackEvent event) {
        return Optional.ofNullable(stored.get(keyOf(event)));
    }

    /** How often this event was delivered; 0 if never. */
    public int deliveriesOf(CallbackEvent event) {
        return find(event).map(StoredEvent::deliveries).orElse(0);
    }

    /** The stored push events of one push. */
    public synchronized List<StoredEvent> ofPush(Sequence sequence) {
        List<StoredEvent> result = new ArrayList<>();
        for (StoredEvent e : stored.values()) {
            if (e.event() instanceof PushEvent push && push.sequence().equals(sequence)) {
                result.add(e);
            }
        }
        return result;
    }

    private static Object keyOf(CallbackEvent event) {
        return switch (event) {
            case PushEvent push -> new PushKey(push.sequence(), push.eventType());
            case OtherEvent other -> other.fingerprint();
        };
    }
}
