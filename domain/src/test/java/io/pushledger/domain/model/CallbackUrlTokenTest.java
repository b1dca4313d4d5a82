package io.pushledger.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CallbackUrlTokenTest {

    @Test
    void withoutATokenEveryRequestIsAdmitted() {
        assertThat(CallbackUrlToken.NONE.admits(null)).isTrue();
        assertThat(CallbackUrlToken.NONE.admits("anything")).isTrue();
    }

    @Test
    void withATokenOnlyThatTokenIsAdmitted() {
        CallbackUrlToken token = new CallbackUrlToken("s3cret-url-token");

        assertThat(token.admits("s3cret-url-token")).isTrue();
        assertThat(token.admits(null)).isFalse();
        assertThat(token.admits("")).isFalse();
        assertThat(token.admits("s3cret-url-toke")).isFalse();
        assertThat(token.admits("S3CRET-URL-TOKEN")).isFalse();
    }

    @Test
    void aBlankTokenIsNotAToken() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CallbackUrlToken(" "));
    }

    @Test
    void itsTextDoesNotRevealTheToken() {
        assertThat(new CallbackUrlToken("s3cret-url-token").toString()).doesNotContain("s3cret");
    }
}
