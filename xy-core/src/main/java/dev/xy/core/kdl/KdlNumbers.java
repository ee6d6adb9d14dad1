package dev.xy.core.kdl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/** Turns the text of a number literal into its value, following the KDL 2.0 number grammar exactly. */
final class KdlNumbers {
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?[0-9][0-9_]*(?:\\.[0-9][0-9_]*)?(?:[eE][+-]?[0-9][0-9_]*)?");
    private static final Pattern HEX = Pattern.compile("[+-]?0x[0-9a-fA-F][0-9a-fA-F_]*");
    private static final Pattern OCTAL = Pattern.compile("[+-]?0o[0-7][0-7_]*");
    private static final Pattern BINARY = Pattern.compile("[+-]?0b[01][01_]*");

    private KdlNumbers() {}

    /** The value of {@code literal}, or empty when it is not a valid number. */
    static Optional<Number> parse(String literal) {
        try {
            if (HEX.matcher(literal).matches()) {
                return Optional.of(radix(literal, 16));
            }
            if (OCTAL.matcher(literal).matches()) {
                return Optional.of(radix(literal, 8));
            }
            if (BINARY.matcher(literal).matches()) {
                return Optional.of(radix(literal, 2));
            }
            if (DECIMAL.matcher(literal).matches()) {
                String digits = literal.replace("_", "");
                boolean integral = digits.indexOf('.') < 0 && digits.indexOf('e') < 0 && digits.indexOf('E') < 0;
                return Optional.of(integral ? new BigInteger(digits) : new BigDecimal(digits));
            }
        } catch (NumberFormatException | ArithmeticException outOfRange) {
            // An exponent beyond what BigDecimal can hold: not a number we can represent.
        }
        return Optional.empty();
    }

    private static BigInteger radix(String literal, int radix) {
        boolean negative = literal.startsWith("-");
        int prefixEnd = literal.indexOf(radix == 16 ? 'x' : radix == 8 ? 'o' : 'b') + 1;
        BigInteger magnitude = new BigInteger(literal.substring(prefixEnd).replace("_", ""), radix);
        return negative ? magnitude.negate() : magnitude;
    }
}
