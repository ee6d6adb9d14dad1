package dev.xy.core.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the known word a typo most likely meant, by edit distance. */
public final class Suggestions {
    private Suggestions() {}

    /** The closest of {@code known}, when it is close enough to be a plausible typo of {@code word}. */
    public static Optional<String> closest(String word, Collection<String> known) {
        int tolerance = Math.max(2, word.length() / 3);
        return known.stream()
                .filter(candidate -> distance(word, candidate) <= tolerance)
                .min(Comparator.comparingInt((String candidate) -> distance(word, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    /**
     * Edits from {@code a} to {@code b} — insert, delete, replace, or swap two neighbours (the commonest typo:
     * {@code lsit}, {@code stauts}) — case-insensitive so that {@code Port} finds {@code port}.
     */
    static int distance(String a, String b) {
        String x = a.toLowerCase();
        String y = b.toLowerCase();
        int[][] d = new int[x.length() + 1][y.length() + 1];
        for (int i = 0; i <= x.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= y.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            for (int j = 1; j <= y.length(); j++) {
                int substitution = d[i - 1][j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                d[i][j] = Math.min(substitution, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && x.charAt(i - 1) == y.charAt(j - 2) && x.charAt(i - 2) == y.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[x.length()][y.length()];
    }
}
