package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.InterruptionCategory;
import io.pushledger.domain.model.Region;
import io.pushledger.domain.model.SessionStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code push_session}. Read through Hibernate; written by {@link SessionLedgerPersistenceAdapter}'s upsert. */
@Entity
@Table(name = "push_session")
class PushSessionEntity {

    @Id
    String sequence;
    String domain;
    @Column(name = "app_name")
    String appName;
    @Column(name = "stream_id")
    String streamId;
    @Enumerated(EnumType.STRING)
    SessionStatus status;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(name = "start_inferred")
    boolean startInferred;
    @Column(name = "ended_at")
    Instant endedAt;
    @Column(name = "duration_ms")
    Long durationMs;
    Integer errcode;
    String errmsg;
    @Enumerated(EnumType.STRING)
    InterruptionCategory category;
    Boolean abnormal;
    @Column(name = "app_id")
    Long appId;
    @Column(name = "channel_id")
    String channelId;
    @Column(name = "client_ip")
    String clientIp;
    String node;
    @Column(name = "stream_param")
    String streamParam;
    @Column(name = "set_id")
    Integer setId;
    @Enumerated(EnumType.STRING)
    Region region;
    @Column(name = "idc_id")
    Integer idcId;
    Integer width;
    Integer height;
    @Column(name = "updated_at")
    Instant updatedAt;
}
