package io.pushledger.app;

import static io.pushledger.app.HistoryApi.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** GET /api/v1/error-codes answers SPEC §2's table, written out here apart from the code. */
@QuarkusTest
class ErrorCodesApiTest {

    private record Row(List<Integer> errcodes, boolean abnormal) {
    }

    private static final Map<String, Row> SPEC_TABLE = new LinkedHashMap<>();

    static {
        SPEC_TABLE.put("CLIENT_STOPPED", new Row(List.of(1, 2, 3, 4, 35), false));
        SPEC_TABLE.put("INTERNAL_ERROR", new Row(List.of(5, 9, 10, 11, 24), true));
        SPEC_TABLE.put("RTMP_PROTOCOL_ERROR", new Row(List.of(6, 23), true));
        SPEC_TABLE.put("RTMP_FRAME_TOO_LARGE", new Row(List.of(7), true));
        SPEC_TABLE.put("NO_DATA_TIMEOUT", new Row(List.of(8, 20), true));
        SPEC_TABLE.put("NETWORK_ERROR", new Row(List.of(12, 13, 14, 15, 16, 17), true));
        SPEC_TABLE.put("THIRD_PARTY_AUTH_FAILED", new Row(List.of(19), true));
        SPEC_TABLE.put("RTMP_AMF_ERROR", new Row(List.of(33), true));
        SPEC_TABLE.put("UNKNOWN", new Row(Stream.concat(Stream.of(0, 22, 34), IntStream.rangeClosed(25, 32).boxed())
                .sorted().toList(), true));
    }

    @Test
    void theTaxonomyIsSpecsTable() {
        List<Map<String, Object>> categories = ok("/api/v1/error-codes", Map.of()).extract().jsonPath().getList("categories");

        assertThat(categories).extracting(c -> c.get("category")).containsExactlyElementsOf(SPEC_TABLE.keySet());
        for (Map<String, Object> category : categories) {
            Row row = SPEC_TABLE.get((String) category.get("category"));
            @SuppressWarnings("unchecked")
            List<Integer> errcodes = (List<Integer>) category.get("errcodes");
            assertThat(errcodes).as("errcodes of %s", category.get("category")).containsExactlyInAnyOrderElementsOf(row.errcodes());
            assertThat(category.get("abnormal")).as("abnormal of %s", category.get("category")).isEqualTo(row.abnormal());
            assertThat(category.get("unlistedCodes")).isEqualTo(category.get("category").equals("UNKNOWN"));
            assertThat((String) category.get("description")).isNotBlank();
        }
    }
}
