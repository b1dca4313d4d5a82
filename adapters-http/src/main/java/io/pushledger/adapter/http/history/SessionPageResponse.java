package io.pushledger.adapter.http.history;

import io.pushledger.domain.port.in.SessionPage;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "SessionPage")
public record SessionPageResponse(
        List<SessionResponse> items,
        @Schema(description = "pass as cursor for the next page; null on the last page", nullable = true)
        String nextCursor) {

    static SessionPageResponse of(SessionPage page) {
        return new SessionPageResponse(page.items().stream().map(SessionResponse::of).toList(),
                page.next() == null ? null : Cursors.of(page.next()));
    }
}
