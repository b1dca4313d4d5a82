package io.pushledger.domain.model;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why a push ended, after Tencent's table of stream-pushing error codes. The single source of truth
 * for categories, their codes and whether they are abnormal; every code not listed is {@link #UNKNOWN}.
 */
public enum InterruptionCategory {

    CLIENT_STOPPED("The push client actively stopped the push.", false, 1, 2, 3, 4, 35),
    INTERNAL_ERROR("The live streaming system had an internal error.", true, 5, 9, 10, 11, 24),
    RTMP_PROTOCOL_ERROR("Abnormal RTMP protocol content.", true, 6, 23),
    RTMP_FRAME_TOO_LARGE(
            "The size of a single RTMP frame exceeded the maximum allowed by the configuration.", true, 7),
    NO_DATA_TIMEOUT("The system actively stopped a push that sent no data for a long time.", true, 8, 20),
    NETWORK_ERROR("Abnormal stream pushing link network.", true, 12, 13, 14, 15, 16, 17),
    THIRD_PARTY_AUTH_FAILED("Third-party authentication failed.", true, 19),
    RTMP_AMF_ERROR("Abnormal RTMP AMF data.", true, 33),
    UNKNOWN("Unknown reason.", true, 0, 22, 25, 26, 27, 28, 29, 30, 31, 32, 34);

    private static final Map<Integer, InterruptionCategory> BY_CODE = Arrays.stream(values())
            .flatMap(category -> category.codes.stream().map(code -> Map.entry(code, category)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    private final String description;
    private final boolean abnormal;
    private final List<Integer> codes;

    InterruptionCategory(String description, boolean abnormal, Integer... codes) {
        this.description = description;
        this.abnormal = abnormal;
        this.codes = List.of(codes);
    }

    /** The category of an error code; absent and unlisted codes are {@link #UNKNOWN}. */
    public static InterruptionCategory of(Integer errcode) {
        return errcode == null ? UNKNOWN : BY_CODE.getOrDefault(errcode, UNKNOWN);
    }

    public String description() {
        return description;
    }

    /** Whether a push ending this way is a fault rather than the client's own decision. */
    public boolean abnormal() {
        return abnormal;
    }

    /** The codes the vendor's table lists for this category (for UNKNOWN: the listed ones; any other code counts too). */
    public List<Integer> codes() {
        return codes;
    }

    /** Whether codes the table does not list fall into this category. */
    public boolean takesUnlistedCodes() {
        return this == UNKNOWN;
    }
}
