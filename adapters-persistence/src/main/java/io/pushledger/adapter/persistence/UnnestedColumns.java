package io.pushledger.adapter.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rows sent as one array per column and turned back into rows by {@code unnest}, so that a whole group is
 * written by one statement: one parse, one plan, one execution and one statement-trigger call for the
 * group, where a JDBC batch executes (and fires row triggers) once per row (ADR 10).
 *
 * @param <T> what one row is made from
 */
final class UnnestedColumns<T> {

    private record Column<T>(String name, String type, Function<T, Object> value) {
    }

    private final List<Column<T>> columns = new ArrayList<>();

    /** Adds a column of PostgreSQL type {@code type} ({@code text}, {@code int4}, {@code int8}, {@code bool}, {@code timestamptz}). */
    UnnestedColumns<T> add(String name, String type, Function<T, Object> value) {
        columns.add(new Column<>(name, type, value));
        return this;
    }

    /** The column names, comma-separated, in order. */
    String names() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /** {@code unnest(CAST(? AS type[]), …) AS alias (names)}, one parameter per column. */
    String unnestAs(String alias) {
        return columns.stream().map(column -> "CAST(? AS " + column.type() + "[])")
                .collect(Collectors.joining(", ", "unnest(", ") AS " + alias + " (" + names() + ")"));
    }

    /** {@code name = EXCLUDED.name} for every column but the first (the conflict key). */
    String setFromExcluded() {
        return columns.stream().skip(1).map(column -> column.name() + " = EXCLUDED." + column.name())
                .collect(Collectors.joining(", "));
    }

    /** Binds the rows' columns as arrays, from parameter {@code first} on; returns the next parameter. */
    int bind(PreparedStatement statement, int first, Connection connection, List<T> rows) throws SQLException {
        int index = first;
        for (Column<T> column : columns) {
            Object[] values = new Object[rows.size()];
            for (int i = 0; i < values.length; i++) {
                Object value = column.value().apply(rows.get(i));
                values[i] = value instanceof Instant instant ? instant.atOffset(ZoneOffset.UTC) : value;
            }
            statement.setArray(index++, connection.createArrayOf(column.type(), values));
        }
        return index;
    }
}
