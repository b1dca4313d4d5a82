package io.pushledger.adapter.persistence;

import io.pushledger.domain.model.Interruption;
import io.pushledger.domain.model.InterruptionCategory;
import io.pushledger.domain.model.PushSession;
import io.pushledger.domain.model.Sequence;
import io.pushledger.domain.model.SessionStatus;
import io.pushledger.domain.model.StreamId;
import io.pushledger.domain.model.StreamPath;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Rebuilds a {@link PushSession} from its row, read by hand (the callback path, the history). */
final class PushSessionMapper {

    /** The columns {@link #fromRow} reads, in a SELECT list. */
    static final String COLUMNS = "sequence, domain, app_name, stream_id, status, started_at, start_inferred,"
            + " ended_at, duration_ms, errcode, errmsg, category, app_id, channel_id, client_ip, node,"
            + " stream_param, set_id, idc_id, width, height";

    private PushSessionMapper() {
    }

    /** {@link #COLUMNS} of the table aliased {@code alias}. */
    static String columnsOf(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    static PushSession fromRow(ResultSet row) throws SQLException {
        String category = row.getString("category");
        Integer errcode = row.getObject("errcode", Integer.class);
        Interruption interruption = category == null
                ? null
                : new Interruption(errcode, row.getString("errmsg"), InterruptionCategory.valueOf(category));
        return new PushSession(
                new Sequence(row.getString("sequence")),
                new StreamPath(row.getString("domain"), row.getString("app_name"),
                        new StreamId(row.getString("stream_id"))),
                SessionStatus.valueOf(row.getString("status")),
                instant(row, "started_at"), row.getBoolean("start_inferred"), instant(row, "ended_at"),
                row.getObject("duration_ms", Long.class), interruption,
                row.getObject("app_id", Long.class), row.getString("channel_id"), row.getString("client_ip"),
                row.getString("node"), row.getString("stream_param"), row.getObject("set_id", Integer.class),
                row.getObject("idc_id", Integer.class), row.getObject("width", Integer.class),
                row.getObject("height", Integer.class));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
