package io.pushledger.adapter.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code callback_event}. Read through Hibernate; written by {@link CallbackLedgerPersistenceAdapter}. */
@Entity
@Table(name = "callback_event")
class CallbackEventEntity {

    @Id
    Long id;
    @Column(name = "event_type")
    int eventType;
    String sequence;
    @Column(name = "body_sha256")
    String bodySha256;
    @Column(name = "stream_id")
    String streamId;
    @Column(name = "event_time")
    Instant eventTime;
    @Column(name = "received_at")
    Instant receivedAt;
    @Column(name = "last_received_at")
    Instant lastReceivedAt;
    int deliveries;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "json")
    String body;
}
