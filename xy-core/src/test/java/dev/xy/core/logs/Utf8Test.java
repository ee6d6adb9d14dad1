package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8Test {
    /** What the pump relied on before: decode, then encode. Bytes that come back unchanged need neither. */
    private static boolean roundTrips(byte[] bytes) {
        return Arrays.equals(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), bytes);
    }

    @Test
    void acceptsExactlyWhatTheJdkDecodesToItself() {
        Random random = new Random(11);
        byte[] alphabet = {
            'a',
            '\r',
            0,
            0x7F,
            (byte) 0x80,
            (byte) 0xBF,
            (byte) 0xC0,
            (byte) 0xC2,
            (byte) 0xDF,
            (byte) 0xE0,
            (byte) 0xA0,
            (byte) 0x9F,
            (byte) 0xED,
            (byte) 0xEF,
            (byte) 0xF0,
            (byte) 0x90,
            (byte) 0x8F,
            (byte) 0xF4,
            (byte) 0xF5,
            (byte) 0xFF
        };
        int valid = 0;
        for (int run = 0; run < 200_000; run++) {
            byte[] bytes = new byte[random.nextInt(7)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt();
            }
            boolean accepted = Utf8.isValid(bytes, 0, bytes.length);
            assertThat(accepted).as("%s", Arrays.toString(bytes)).isEqualTo(roundTrips(bytes));
            valid += accepted ? 1 : 0;
        }
        assertThat(valid).isGreaterThan(10_000); // the alphabet makes enough well-formed sequences to mean something
    }

    @Test
    void acceptsEveryCharacterWellFormed() {
        StringBuilder text = new StringBuilder();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint += 7) {
            if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
                text.appendCodePoint(codePoint);
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isValid(bytes, 0, bytes.length)).isTrue();
    }

    @Test
    void refusesOverlongFormsSurrogatesAndCutCharacters() {
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0xAF}, // overlong '/'
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong, 3 bytes
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
            {'a', (byte) 0xC3}, // cut at the end
            {(byte) 0xE2, (byte) 0x82, 'x'}
        };
        for (byte[] bytes : bad) {
            assertThat(Utf8.isValid(bytes, 0, bytes.length))
                    .as(Arrays.toString(bytes))
                    .isFalse();
        }
    }

    @Test
    void looksOnlyAtTheGivenRange() {
        byte[] bytes = {(byte) 0xFF, 'o', 'k', (byte) 0xC3};
        assertThat(Utf8.isValid(bytes, 1, 3)).isTrue();
        assertThat(Utf8.isValid(bytes, 1, 4)).isFalse();
    }
}
