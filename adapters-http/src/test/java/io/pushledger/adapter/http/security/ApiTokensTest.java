package io.pushledger.adapter.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    private final ApiTokens tokens = new ApiTokens(List.of("first-token", " ", "second-token"));

    @Test
    void everyConfiguredTokenIdentifiesItsClientByItsPlace() {
        assertThat(tokens.identify("first-token")).contains("api-token-1");
        assertThat(tokens.identify("second-token")).contains("api-token-2");
    }

    @Test
    void anythingElseIdentifiesNobody() {
        assertThat(tokens.identify("first-toke")).isEmpty();
        assertThat(tokens.identify("first-token ")).isEmpty();
        assertThat(tokens.identify("FIRST-TOKEN")).isEmpty();
        assertThat(tokens.identify("")).isEmpty();
        assertThat(tokens.identify(" ")).as("blank entries are not tokens").isEmpty();
    }

    @Test
    void withoutTokensNobodyIsIdentified() {
        assertThat(new ApiTokens(List.of()).identify("first-token")).isEmpty();
    }
}
