package io.pushledger.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class StreamIdTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t", "\n"})
    void aBlankStreamIdIsRejected(String value) {
        assertThatThrownBy(() -> new StreamId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStreamIdOf256CharactersIsAcceptedAndOf257Rejected() {
        assertThat(new StreamId("s".repeat(256)).value()).hasSize(256);
        assertThatThrownBy(() -> new StreamId("s".repeat(257))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStreamIdIsKeptAsSentAndPrintedAsItsValue() {
        assertThat(new StreamId(" test_stream ")).hasToString(" test_stream ");
    }

    @Test
    void aStreamPathNeedsAStreamIdButNotADomainOrAppName() {
        assertThatThrownBy(() -> new StreamPath("test.domain.com", "live", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new StreamPath(null, null, new StreamId("test_stream")).key()).isEqualTo("//test_stream");
    }

    @Test
    void aStreamPathKeyNamesDomainAppNameAndStream() {
        StreamPath path = new StreamPath("test.domain.com", "live", new StreamId("test_stream"));

        assertThat(path.key()).isEqualTo("test.domain.com/live/test_stream");
    }

    @Test
    void streamPathsDifferByDomainAppNameOrStream() {
        StreamPath path = new StreamPath("test.domain.com", "live", new StreamId("test_stream"));

        assertThat(path).isEqualTo(new StreamPath("test.domain.com", "live", new StreamId("test_stream")))
                .isNotEqualTo(new StreamPath("other.domain.com", "live", new StreamId("test_stream")))
                .isNotEqualTo(new StreamPath("test.domain.com", "other", new StreamId("test_stream")))
                .isNotEqualTo(new StreamPath("test.domain.com", "live", new StreamId("other_stream")));
    }
}
