package io.pushledger.domain.fakes;

import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.fakes.InMemoryCallbackLedger.StoredEvent;
import io.pushledger.domain.model.PushStarted;
import io.pushledger.domain.port.out.CallbackLedger;
import io.pushledger.domain.port.out.CallbackLedgerContract;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryCallbackLedgerTest extends CallbackLedgerContract {

    private final InMemoryCallbackLedger events = new InMemoryCallbackLedger();

    @Override
    protected CallbackLedger callbackLedger() {
        return events;
    }

    @Test
    void aRepeatedDeliveryKeepsTheFirstBodyAndReceiptAndCountsOneMore() {
        PushStarted start = aPushStart().build();
        Instant first = Instant.parse("2023-12-28T02:44:40Z");

        events.record(start, "{\"first\":true}", first);
        events.record(start, "{\"first\":false}", first.plusSeconds(60));

        assertThat(events.all()).containsExactly(new StoredEvent(start, "{\"first\":true}", first, 2));
        assertThat(events.deliveriesOf(start)).isEqualTo(2);
    }

    @Test
    void anEventNeverDeliveredHasNoDeliveries() {
        assertThat(events.deliveriesOf(aPushStart().build())).isZero();
        assertThat(events.find(aPushStart().build())).isEmpty();
    }
}
