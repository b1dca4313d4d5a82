package io.pushledger.domain.model;

/** Where the push came from, read off `set_id`: 1–6 inside the Chinese mainland, 7–200 outside. */
public enum Region {
    MAINLAND,
    OUTSIDE_MAINLAND,
    UNKNOWN;

    public static Region ofSetId(Integer setId) {
        if (setId == null) {
            return UNKNOWN;
        }
        if (setId >= 1 && setId <= 6) {
            return MAINLAND;
        }
        if (setId >= 7 && setId <= 200) {
            return OUTSIDE_MAINLAND;
        }
        return UNKNOWN;
    }
}
