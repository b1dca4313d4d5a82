package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.Interruption;
import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.StreamId;
import io.pushledger.domain.model.StreamPath;

/** Rebuilds a {@link PushSession} from its row. */
final class PushSessionMapper {

    private PushSessionMapper() {
    }

    static PushSession toDomain(PushSessionEntity row) {
        Interruption interruption = row.category == null
                ? null
                : new Interruption(row.errcode, row.errmsg, row.category);
        return new PushSession(
                new Sequence(row.sequence),
                new StreamPath(row.domain, row.appName, new StreamId(row.streamId)),
                row.status, row.startedAt, row.startInferred, row.endedAt, row.durationMs, interruption,
                row.appId, row.channelId, row.clientIp, row.node, row.streamParam,
                row.setId, row.idcId, row.width, row.height);
    }
}
