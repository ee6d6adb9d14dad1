package dev.xy.core.kdl;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * A number. Integers (any radix) keep their exact value as a {@link BigInteger}; decimals keep their digits
 * as a {@link BigDecimal}; {@code #inf}, {@code #-inf} and {@code #nan} are {@link Special} values.
 */
public record KdlNumber(Optional<String> type, Number value, KdlLocation location) implements KdlValue {
    /** The keyword numbers, which have no exact representation. */
    public enum Special {
        INF("#inf"),
        NEGATIVE_INF("#-inf"),
        NAN("#nan");

        private final String keyword;

        Special(String keyword) {
            this.keyword = keyword;
        }

        public String keyword() {
            return keyword;
        }
    }

    /** Wraps a {@link Special} so that it can be the value of a number. */
    public static final class Keyword extends Number {
        private final Special special;

        public Keyword(Special special) {
            this.special = Objects.requireNonNull(special);
        }

        public Special special() {
            return special;
        }

        @Override
        public double doubleValue() {
            return switch (special) {
                case INF -> Double.POSITIVE_INFINITY;
                case NEGATIVE_INF -> Double.NEGATIVE_INFINITY;
                case NAN -> Double.NaN;
            };
        }

        @Override
        public float floatValue() {
            return (float) doubleValue();
        }

        @Override
        public long longValue() {
            return (long) doubleValue();
        }

        @Override
        public int intValue() {
            return (int) doubleValue();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Keyword keyword && keyword.special == special;
        }

        @Override
        public int hashCode() {
            return special.hashCode();
        }

        @Override
        public String toString() {
            return special.keyword();
        }
    }

    public KdlNumber {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        if (!(value instanceof BigInteger || value instanceof BigDecimal || value instanceof Keyword)) {
            throw new IllegalArgumentException("a KDL number is a BigInteger, BigDecimal or Keyword: " + value);
        }
    }

    /** The exact integer, when this number is one (a decimal with a zero fraction is not). */
    public Optional<BigInteger> asInteger() {
        return value instanceof BigInteger integer ? Optional.of(integer) : Optional.empty();
    }

    @Override
    public String kindName() {
        return "a number";
    }
}
