package io.pushledger.domain.model;

import static io.pushledger.domain.fixtures.PushEvents.aPushStart;
import static org.assertj.core.api.Assertions.assertThat;

import io.pushledger.domain.fixtures.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

class RegionTest {

    @ParameterizedTest(name = "set_id {0} is {1}")
    @CsvSource({
            "-2147483648, UNKNOWN",
            "-1, UNKNOWN",
            "0, UNKNOWN",
            "1, MAINLAND",
            "2, MAINLAND",
            "6, MAINLAND",
            "7, OUTSIDE_MAINLAND",
            "100, OUTSIDE_MAINLAND",
            "200, OUTSIDE_MAINLAND",
            "201, UNKNOWN",
            "2147483647, UNKNOWN",
    })
    void theSetIdTellsWhereThePushCameFrom(int setId, Region region) {
        assertThat(Region.ofSetId(setId)).isEqualTo(region);
    }

    @ParameterizedTest
    @NullSource
    void noSetIdIsAnUnknownRegion(Integer setId) {
        assertThat(Region.ofSetId(setId)).isEqualTo(Region.UNKNOWN);
    }

    @Test
    void aSessionsRegionFollowsItsSetId() {
        assertThat(Sessions.sessionOf(aPushStart().withSetId(7).build()).region()).isEqualTo(Region.OUTSIDE_MAINLAND);
        assertThat(Sessions.sessionOf(aPushStart().withSetId(null).build()).region()).isEqualTo(Region.UNKNOWN);
    }
}
