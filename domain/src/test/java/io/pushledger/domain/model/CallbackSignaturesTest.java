package io.pushledger.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackSignaturesTest {

    private static final Instant NOW = Instant.ofEpochSecond(1703731478L);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofSeconds(60);
    /** Tencent's default validity period. */
    private static final Duration VALIDITY = Duration.ofMinutes(10);
    private static final String KEY = "primary-callback-key";
    private static final String PREVIOUS_KEY = "previous-callback-key";
    /** Tencent's t: ten minutes after the event, as in the vendor's sample (1703732078). */
    private static final String T = Long.toString(NOW.getEpochSecond() + 600);

    private final CallbackSignatures signatures = signaturesWith(List.of(KEY, PREVIOUS_KEY), SKEW, false);

    /** The vendor's formula, computed here without the code under test. */
    private static String md5Hex(String key, String t) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            return HexFormat.of().formatHex(md5.digest((key + t).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static CallbackSignatures signaturesWith(List<String> keys, Duration skew, boolean allowUnsigned) {
        return new CallbackSignatures(keys.stream().map(SignatureKey::new).toList(), skew, VALIDITY, allowUnsigned, CLOCK);
    }

    private static String secondsFromNow(long seconds) {
        return Long.toString(NOW.getEpochSecond() + seconds);
    }

    @Test
    void theIndependentMd5IsTheKnownDigest() {
        // MD5("") is a published constant, so the helper itself is not wrong.
        assertThat(md5Hex("", "")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Nested
    class TheSignature {

        @Test
        void madeWithTheKeyIsAuthentic() {
            assertThat(signatures.verify(T, md5Hex(KEY, T))).isEqualTo(SignatureVerdict.AUTHENTIC);
            assertThat(SignatureVerdict.AUTHENTIC.authentic()).isTrue();
        }

        @Test
        void inUppercaseHexIsAccepted() {
            String sign = md5Hex(KEY, T).toUpperCase(Locale.ROOT);

            assertThat(sign).isNotEqualTo(md5Hex(KEY, T));
            assertThat(signatures.verify(T, sign)).isEqualTo(SignatureVerdict.AUTHENTIC);
        }

        @Test
        void madeWithAnyConfiguredKeyIsAccepted() {
            assertThat(signatures.verify(T, md5Hex(KEY, T))).isEqualTo(SignatureVerdict.AUTHENTIC);
            assertThat(signatures.verify(T, md5Hex(PREVIOUS_KEY, T))).isEqualTo(SignatureVerdict.AUTHENTIC);
        }

        @Test
        void madeWithAnotherKeyIsAMismatch() {
            SignatureVerdict verdict = signatures.verify(T, md5Hex("some-other-key", T));

            assertThat(verdict).isEqualTo(SignatureVerdict.MISMATCH);
            assertThat(verdict.authentic()).isFalse();
        }

        @Test
        void isBrokenByChangingOnlyT() {
            String sign = md5Hex(KEY, T);
            String laterT = secondsFromNow(601);
            assertThat(signatures.verify(T, sign)).isEqualTo(SignatureVerdict.AUTHENTIC);

            // Still well in the future, so only the signature can reject it.
            assertThat(signatures.verify(laterT, sign)).isEqualTo(SignatureVerdict.MISMATCH);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "0", "not-hex", "d41d8cd98f00b204e9800998ecf8427e"})
        void thatIsNotTheDigestIsAMismatch(String sign) {
            assertThat(signatures.verify(T, sign)).isEqualTo(SignatureVerdict.MISMATCH);
        }

        @Test
        void withATrailingCharacterIsAMismatch() {
            assertThat(signatures.verify(T, md5Hex(KEY, T) + "0")).isEqualTo(SignatureVerdict.MISMATCH);
        }

        @Test
        void thatIsMissingIsMissing() {
            assertThat(signatures.verify(T, null)).isEqualTo(SignatureVerdict.MISSING);
        }

        @Test
        void isWhatSignComputes() {
            assertThat(CallbackSignatures.sign(new SignatureKey(KEY), T)).isEqualTo(md5Hex(KEY, T));
        }
    }

    @Nested
    class TheExpiryTime {

        @Test
        void thatIsMissingIsMissing() {
            assertThat(signatures.verify(null, md5Hex(KEY, "null"))).isEqualTo(SignatureVerdict.MISSING);
            assertThat(signatures.verify(null, null)).isEqualTo(SignatureVerdict.MISSING);
        }

        @ParameterizedTest(name = "t \"{0}\" is missing")
        @ValueSource(strings = {"", " 1703732078", "1703732078 ", "+1703732078", "-1703732078", "1703732078.0",
                "1.703732078e9", "0x6597a88e", "abc", "１７０３７３２０７８"})
        void thatIsNotADecimalNumberIsMissingEvenWhenSignedAsSent(String t) {
            // Signed over the very text, so only the format can reject it.
            assertThat(signatures.verify(t, md5Hex(KEY, t))).isEqualTo(SignatureVerdict.MISSING);
        }

        @Test
        void olderThanTheClockSkewIsExpired() {
            String t = secondsFromNow(-61);

            assertThat(signatures.verify(t, md5Hex(KEY, t))).isEqualTo(SignatureVerdict.EXPIRED);
        }

        @Test
        void exactlyTheClockSkewAgoIsAccepted() {
            String t = secondsFromNow(-60);

            assertThat(signatures.verify(t, md5Hex(KEY, t))).isEqualTo(SignatureVerdict.AUTHENTIC);
        }

        @Test
        void nowOrAheadWithinTheValidityPeriodAndTheSkewIsAccepted() {
            for (String t : List.of(secondsFromNow(0), secondsFromNow(1), secondsFromNow(600), secondsFromNow(660))) {
                assertThat(signatures.verify(t, md5Hex(KEY, t))).as("t %s", t).isEqualTo(SignatureVerdict.AUTHENTIC);
            }
        }

        @Test
        void furtherAheadThanTheValidityPeriodAndTheSkewIsTooFarAhead() {
            for (String t : List.of(secondsFromNow(661), secondsFromNow(86_400 * 365), "253402300799")) {
                assertThat(signatures.verify(t, md5Hex(KEY, t))).as("t %s", t).isEqualTo(SignatureVerdict.TOO_FAR_AHEAD);
            }
        }

        @Test
        void tooFarAheadButForgedIsAMismatch() {
            String t = secondsFromNow(86_400);

            assertThat(signatures.verify(t, md5Hex("some-other-key", t))).isEqualTo(SignatureVerdict.MISMATCH);
        }

        @Test
        void theValidityPeriodIsConfigurable() {
            CallbackSignatures longer = new CallbackSignatures(List.of(new SignatureKey(KEY)), SKEW, Duration.ofHours(1),
                    false, CLOCK);
            String inAnHour = secondsFromNow(3600 + 60);
            String beyond = secondsFromNow(3600 + 61);

            assertThat(longer.verify(inAnHour, md5Hex(KEY, inAnHour))).isEqualTo(SignatureVerdict.AUTHENTIC);
            assertThat(longer.verify(beyond, md5Hex(KEY, beyond))).isEqualTo(SignatureVerdict.TOO_FAR_AHEAD);
            assertThatThrownBy(() -> new CallbackSignatures(List.of(), SKEW, Duration.ofSeconds(-1), false, CLOCK))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void expiredButForgedIsAMismatch() {
            String t = secondsFromNow(-3600);

            assertThat(signatures.verify(t, md5Hex("some-other-key", t))).isEqualTo(SignatureVerdict.MISMATCH);
        }

        @Test
        void withLeadingZerosIsSignedAsWritten() {
            String t = "0" + T;

            assertThat(signatures.verify(t, md5Hex(KEY, t))).isEqualTo(SignatureVerdict.AUTHENTIC);
            assertThat(signatures.verify(t, md5Hex(KEY, T))).isEqualTo(SignatureVerdict.MISMATCH);
        }

        @ParameterizedTest(name = "t {0} is too far ahead")
        @ValueSource(strings = {"31556889864403199", "31556889864403200", "999999999999999999"})
        void beyondTheLastInstantIsTooFarAheadNotAnError(String t) {
            // Instant.MAX is 31556889864403199 s; a signed t past it once made the check throw (a 500).
            assertThat(signatures.verify(t, md5Hex(KEY, t))).isEqualTo(SignatureVerdict.TOO_FAR_AHEAD);
        }

        @Test
        void farBeyondTheRangeOfALongIsNotAnError() {
            String t = "9999999999999999999";

            assertThat(signatures.verify(t, md5Hex(KEY, t))).isEqualTo(SignatureVerdict.MISSING);
        }
    }

    @Nested
    class TheClockSkew {

        @Test
        void canBeWidened() {
            CallbackSignatures lenient = signaturesWith(List.of(KEY), Duration.ofMinutes(5), false);
            String atTheLimit = secondsFromNow(-300);
            String beyond = secondsFromNow(-301);

            assertThat(lenient.verify(atTheLimit, md5Hex(KEY, atTheLimit))).isEqualTo(SignatureVerdict.AUTHENTIC);
            assertThat(lenient.verify(beyond, md5Hex(KEY, beyond))).isEqualTo(SignatureVerdict.EXPIRED);
        }

        @Test
        void canBeZero() {
            CallbackSignatures strict = signaturesWith(List.of(KEY), Duration.ZERO, false);
            String now = secondsFromNow(0);
            String aSecondAgo = secondsFromNow(-1);

            assertThat(strict.verify(now, md5Hex(KEY, now))).isEqualTo(SignatureVerdict.AUTHENTIC);
            assertThat(strict.verify(aSecondAgo, md5Hex(KEY, aSecondAgo))).isEqualTo(SignatureVerdict.EXPIRED);
        }

        @Test
        void isReadAgainstTheInjectedClock() {
            String t = secondsFromNow(0);
            Clock anHourLater = Clock.offset(CLOCK, Duration.ofHours(1));
            CallbackSignatures later = new CallbackSignatures(List.of(new SignatureKey(KEY)), SKEW, VALIDITY, false,
                    anHourLater);

            assertThat(signatures.verify(t, md5Hex(KEY, t))).isEqualTo(SignatureVerdict.AUTHENTIC);
            assertThat(later.verify(t, md5Hex(KEY, t))).isEqualTo(SignatureVerdict.EXPIRED);
        }

        @Test
        void mustNotBeNegativeOrAbsent() {
            assertThatThrownBy(() -> signaturesWith(List.of(KEY), Duration.ofSeconds(-1), false))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> signaturesWith(List.of(KEY), null, false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class WithoutAKey {

        @Test
        void andUnsignedCallbacksAllowedEverythingIsAuthentic() {
            CallbackSignatures unsigned = signaturesWith(List.of(), SKEW, true);
            String expired = secondsFromNow(-3600);

            assertThat(unsigned.enforced()).isFalse();
            assertThat(unsigned.verify(null, null)).isEqualTo(SignatureVerdict.AUTHENTIC);
            assertThat(unsigned.verify("not-a-number", "whatever")).isEqualTo(SignatureVerdict.AUTHENTIC);
            assertThat(unsigned.verify(T, md5Hex("any-key", T))).isEqualTo(SignatureVerdict.AUTHENTIC);
            assertThat(unsigned.verify(expired, md5Hex("any-key", expired))).isEqualTo(SignatureVerdict.AUTHENTIC);
        }

        @Test
        void andUnsignedCallbacksNotAllowedNothingIsAuthentic() {
            CallbackSignatures closed = signaturesWith(List.of(), SKEW, false);

            assertThat(closed.enforced()).isTrue();
            assertThat(closed.verify(null, null)).isEqualTo(SignatureVerdict.MISSING);
            assertThat(closed.verify(T, null)).isEqualTo(SignatureVerdict.MISSING);
            assertThat(closed.verify(T, md5Hex("any-key", T))).isEqualTo(SignatureVerdict.MISMATCH);
            assertThat(closed.verify(T, md5Hex("", T))).isEqualTo(SignatureVerdict.MISMATCH);
        }
    }

    @Test
    void withAKeyUnsignedCallbacksAreRejectedEvenIfAllowed() {
        CallbackSignatures keyed = signaturesWith(List.of(KEY), SKEW, true);

        assertThat(keyed.enforced()).isTrue();
        assertThat(keyed.verify(null, null)).isEqualTo(SignatureVerdict.MISSING);
        assertThat(keyed.verify(T, md5Hex("some-other-key", T))).isEqualTo(SignatureVerdict.MISMATCH);
        assertThat(keyed.verify(T, md5Hex(KEY, T))).isEqualTo(SignatureVerdict.AUTHENTIC);
    }

    @Nested
    class ASignatureKey {

        @Test
        void doesNotRevealItselfWhenPrinted() {
            SignatureKey key = new SignatureKey(KEY);

            assertThat(key.toString()).doesNotContain(KEY).doesNotContain("primary");
            assertThat(List.of(key).toString()).doesNotContain(KEY);
        }

        @Test
        void mustNotBeBlank() {
            for (String blank : new String[] {null, "", "   "}) {
                assertThatThrownBy(() -> new SignatureKey(blank)).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
