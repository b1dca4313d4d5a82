package io.pushledger.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BodyFingerprintTest {

    // SHA-256 of the empty string.
    private static final String SHA256_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void sixtyFourLowercaseHexDigitsAreAFingerprint() {
        assertThat(new BodyFingerprint(SHA256_HEX).sha256Hex()).isEqualTo(SHA256_HEX);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8550",
            "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g",
            " e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
            "d41d8cd98f00b204e9800998ecf8427e"})
    void anythingElseIsRejected(String value) {
        assertThatThrownBy(() -> new BodyFingerprint(value)).isInstanceOf(IllegalArgumentException.class);
    }
}
