package io.pushledger.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SequenceTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "   ", "\t", "\n"})
    void aBlankSequenceIsRejected(String value) {
        assertThatThrownBy(() -> new Sequence(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSequenceOf256CharactersIsAcceptedAndOf257Rejected() {
        assertThat(new Sequence("9".repeat(256)).value()).hasSize(256);
        assertThatThrownBy(() -> new Sequence("9".repeat(257))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSequenceIsKeptAsSentAndPrintedAsItsValue() {
        Sequence sequence = new Sequence("2210464508206756938");

        assertThat(sequence.value()).isEqualTo("2210464508206756938");
        assertThat(sequence).hasToString("2210464508206756938").isEqualTo(new Sequence("2210464508206756938"));
    }
}
