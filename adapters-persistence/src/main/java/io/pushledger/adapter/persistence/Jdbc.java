package io.pushledger.adapter.persistence;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;

/** Typed parameter binding for the statements written by hand, where SQL NULLs need their type. */
final class Jdbc {

    private Jdbc() {
    }

    static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        statement.setObject(index, value, Types.VARCHAR);
    }

    static void setInt(PreparedStatement statement, int index, Integer value) throws SQLException {
        statement.setObject(index, value, Types.INTEGER);
    }

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        statement.setObject(index, value, Types.BIGINT);
    }

    static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        statement.setObject(index, value == null ? null : value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }
}
