package io.pushledger.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The taxonomy of SPEC §2, written out here rather than read from the enum. */
class InterruptionCategoryTest {

    private record Row(String category, boolean abnormal, List<Integer> codes) {
    }

    private static final List<Row> SPEC_TABLE = List.of(
            new Row("CLIENT_STOPPED", false, List.of(1, 2, 3, 4, 35)),
            new Row("INTERNAL_ERROR", true, List.of(5, 9, 10, 11, 24)),
            new Row("RTMP_PROTOCOL_ERROR", true, List.of(6, 23)),
            new Row("RTMP_FRAME_TOO_LARGE", true, List.of(7)),
            new Row("NO_DATA_TIMEOUT", true, List.of(8, 20)),
            new Row("NETWORK_ERROR", true, List.of(12, 13, 14, 15, 16, 17)),
            new Row("THIRD_PARTY_AUTH_FAILED", true, List.of(19)),
            new Row("RTMP_AMF_ERROR", true, List.of(33)),
            new Row("UNKNOWN", true, List.of(0, 22, 25, 26, 27, 28, 29, 30, 31, 32, 34)));

    @ParameterizedTest(name = "errcode {0} is {1}, abnormal: {2}")
    @CsvSource({
            "1, CLIENT_STOPPED, false",
            "2, CLIENT_STOPPED, false",
            "3, CLIENT_STOPPED, false",
            "4, CLIENT_STOPPED, false",
            "35, CLIENT_STOPPED, false",
            "5, INTERNAL_ERROR, true",
            "9, INTERNAL_ERROR, true",
            "10, INTERNAL_ERROR, true",
            "11, INTERNAL_ERROR, true",
            "24, INTERNAL_ERROR, true",
            "6, RTMP_PROTOCOL_ERROR, true",
            "23, RTMP_PROTOCOL_ERROR, true",
            "7, RTMP_FRAME_TOO_LARGE, true",
            "8, NO_DATA_TIMEOUT, true",
            "20, NO_DATA_TIMEOUT, true",
            "12, NETWORK_ERROR, true",
            "13, NETWORK_ERROR, true",
            "14, NETWORK_ERROR, true",
            "15, NETWORK_ERROR, true",
            "16, NETWORK_ERROR, true",
            "17, NETWORK_ERROR, true",
            "19, THIRD_PARTY_AUTH_FAILED, true",
            "33, RTMP_AMF_ERROR, true",
            "0, UNKNOWN, true",
            "22, UNKNOWN, true",
            "25, UNKNOWN, true",
            "26, UNKNOWN, true",
            "27, UNKNOWN, true",
            "28, UNKNOWN, true",
            "29, UNKNOWN, true",
            "30, UNKNOWN, true",
            "31, UNKNOWN, true",
            "32, UNKNOWN, true",
            "34, UNKNOWN, true",
    })
    void everyCodeOfTheVendorTableMapsToItsCategory(int errcode, String category, boolean abnormal) {
        InterruptionCategory actual = InterruptionCategory.of(errcode);

        assertThat(actual.name()).isEqualTo(category);
        assertThat(actual.abnormal()).isEqualTo(abnormal);
        assertThat(Interruption.of(errcode, "msg").abnormal()).isEqualTo(abnormal);
    }

    @ParameterizedTest(name = "errcode {0} is UNKNOWN")
    @NullSource
    @ValueSource(ints = {-1, 18, 21, 36, 999, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void aCodeOutsideTheTableIsUnknownAndAbnormal(Integer errcode) {
        assertThat(InterruptionCategory.of(errcode)).isEqualTo(InterruptionCategory.UNKNOWN);
        assertThat(InterruptionCategory.of(errcode).abnormal()).isTrue();
    }

    @Test
    void everyCodeFromMinus100To1000MapsAsTheTableSays() {
        Map<Integer, String> byCode = new LinkedHashMap<>();
        SPEC_TABLE.forEach(row -> row.codes().forEach(code -> byCode.put(code, row.category())));

        IntStream.rangeClosed(-100, 1000).forEach(code -> assertThat(InterruptionCategory.of(code).name())
                .as("errcode %d", code)
                .isEqualTo(byCode.getOrDefault(code, "UNKNOWN")));
    }

    @Test
    void theCategoriesAreThoseOfTheTableWithItsCodesAndAbnormalFlags() {
        assertThat(Arrays.stream(InterruptionCategory.values()).map(Enum::name))
                .containsExactlyInAnyOrderElementsOf(SPEC_TABLE.stream().map(Row::category).toList());
        for (Row row : SPEC_TABLE) {
            InterruptionCategory category = InterruptionCategory.valueOf(row.category());
            assertThat(category.codes()).as(row.category()).containsExactlyInAnyOrderElementsOf(row.codes());
            assertThat(category.abnormal()).as(row.category()).isEqualTo(row.abnormal());
            assertThat(category.description()).as(row.category()).isNotBlank();
        }
    }

    @Test
    void noCodeIsListedUnderTwoCategories() {
        List<Integer> listed = Arrays.stream(InterruptionCategory.values())
                .flatMap(category -> category.codes().stream())
                .toList();

        assertThat(listed).doesNotHaveDuplicates();
    }

    @Test
    void theSpecTableWrittenHereListsNoCodeTwice() {
        assertThat(SPEC_TABLE.stream().flatMap(row -> row.codes().stream()).toList()).doesNotHaveDuplicates();
    }

    @Test
    void onlyAClientStoppingThePushIsNormal() {
        assertThat(Arrays.stream(InterruptionCategory.values()).filter(c -> !c.abnormal()))
                .containsExactly(InterruptionCategory.CLIENT_STOPPED);
    }

    @Test
    void anInterruptionKeepsTheRawCodeAndMessage() {
        Interruption interruption = Interruption.of(999, "something new");

        assertThat(interruption).isEqualTo(new Interruption(999, "something new", InterruptionCategory.UNKNOWN));
    }

    @Test
    void anInterruptionNeedsACategory() {
        assertThatThrownBy(() -> new Interruption(1, "ok", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
