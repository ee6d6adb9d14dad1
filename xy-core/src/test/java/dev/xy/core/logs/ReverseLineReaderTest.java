package dev.xy.core.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReverseLineReaderTest {
    @TempDir
    Path dir;

    private List<String> read(String content, long end, long budget) throws IOException {
        Path file = Files.writeString(dir.resolve("f.log"), content, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file)) {
            ReverseLineReader reader = new ReverseLineReader(channel, end < 0 ? channel.size() : end, budget);
            Optional<String> line;
            while ((line = reader.next()).isPresent()) {
                lines.add(line.get());
            }
        }
        return lines;
    }

    @Test
    void linesComeNewestFirstWithOrWithoutAFinalNewline() throws IOException {
        assertThat(read("one\ntwo\nthree\n", -1, 1 << 20)).containsExactly("three", "two", "one");
        assertThat(read("one\ntwo\nthree", -1, 1 << 20)).containsExactly("three", "two", "one");
        assertThat(read("one\n\nthree\n", -1, 1 << 20)).containsExactly("three", "", "one");
        assertThat(read("", -1, 1 << 20)).isEmpty();
        assertThat(read("\n", -1, 1 << 20)).isEmpty();
    }

    @Test
    void onlyWhatLiesBeforeTheEndIsRead() throws IOException {
        assertThat(read("one\ntwo\nthree\n", 8, 1 << 20)).containsExactly("two", "one");
    }

    @Test
    void linesAcrossChunkBoundariesAndLongerThanAChunkComeBackWhole() throws IOException {
        String longLine = "é".repeat(100_000); // 200,000 bytes: spans four chunks, with a character cut between two
        StringBuilder content = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            String line = i == 7_000 ? longLine : "line " + i;
            content.append(line).append('\n');
            expected.add(0, line);
        }
        assertThat(read(content.toString(), -1, Long.MAX_VALUE)).containsExactlyElementsOf(expected);
    }

    @Test
    void theBudgetStopsTheReadingAndNoPartialLineIsReturned() throws IOException {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            content.append("line ").append(i).append('\n'); // ~11 bytes each: ~1 MB
        }
        List<String> lines = read(content.toString(), -1, 1000);
        assertThat(lines).hasSizeBetween(80, 100);
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).isEqualTo("line " + (99_999 - i));
        }
    }
}
