package io.pushledger.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The embedded server is a real PostgreSQL 15 with pg_trgm, on a port of its own, with its data under target/. */
class EmbeddedPostgresqlTest {

    private static final Path DATA = EmbeddedPostgresqlConfigSourceFactory.testDataDirectory("module-test");

    @Test
    void startsOnceAPostgresql15WithPgTrgmOnAFreePortWithItsDataUnderTarget() throws Exception {
        String url = EmbeddedPostgresql.jdbcUrl(DATA, false);

        assertThat(EmbeddedPostgresql.jdbcUrl(DATA, false)).as("a second call reuses the server").isEqualTo(url);
        assertThat(URI.create(url.substring("jdbc:".length())).getPort())
                .as("not the machine's PostgreSQL").isNotEqualTo(5432);
        assertThat(Files.exists(DATA.resolve("PG_VERSION"))).isTrue();
        try (Connection connection = DriverManager.getConnection(url, EmbeddedPostgresql.username(), null);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            try (ResultSet row = statement.executeQuery(
                    "SELECT current_setting('server_version_num')::int / 10000, similarity('pushledger', 'pushledgers')")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getInt(1)).isEqualTo(15);
                assertThat(row.getFloat(2)).isGreaterThan(0.5f);
            }
            try (ResultSet row = statement.executeQuery("SELECT current_database()")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo(EmbeddedPostgresql.DATABASE);
            }
        }
    }
}
