package io.pushledger.adapter.http.history;

/** Names shared by the history API's OpenAPI annotations. */
final class ApiDocs {

    static final String BEARER = "bearer";
    static final String BAD_REQUEST = "an unknown, repeated or invalid query parameter, named in detail";
    static final String UNAUTHORIZED = "no Authorization: Bearer header, or a token that is not configured";

    private ApiDocs() {
    }
}
