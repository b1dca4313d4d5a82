package io.pushledger.domain.model;

/**
 * Where a push went: push domain (`app`), push path (`appname`) and stream name. Pushes on the same
 * path follow one another; a newer one makes an older open one stale. Domain and path may be
 * unknown (null) when Tencent leaves them out.
 */
public record StreamPath(String domain, String appName, StreamId streamId) {

    public StreamPath {
        if (streamId == null) {
            throw new IllegalArgumentException("a stream path needs a stream id");
        }
    }

    /** One string per path, for keys and logs. */
    public String key() {
        return nullToEmpty(domain) + '/' + nullToEmpty(appName) + '/' + streamId.value();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
