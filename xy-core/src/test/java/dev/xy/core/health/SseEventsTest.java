package dev.xy.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseEventsTest {
    private static List<String> events(String stream) throws IOException {
        SseEvents events = new SseEvents(new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)));
        List<String> data = new ArrayList<>();
        Optional<String> next;
        while ((next = events.next()).isPresent()) {
            data.add(next.get());
        }
        return data;
    }

    @Test
    void emptyPrimingEventsAndCommentsAreSkipped() throws IOException {
        assertThat(events("id: 1\ndata: \n\n: keep-alive\n\nevent: message\nid: 2\ndata: {\"a\":1}\n\n"))
                .containsExactly("{\"a\":1}");
    }

    @Test
    void dataLinesOfOneEventAreJoinedByNewlines() throws IOException {
        assertThat(events("data: {\"a\":\ndata:1}\n\ndata: x\n\n")).containsExactly("{\"a\":\n1}", "x");
    }

    @Test
    void everyLineEndingIsUnderstood() throws IOException {
        assertThat(events("data: crlf\r\n\r\ndata: cr\r\rdata: lf\n\n")).containsExactly("crlf", "cr", "lf");
    }

    @Test
    void aStreamThatEndsWithoutTheBlankLineStillDeliversItsLastEvent() throws IOException {
        assertThat(events("data: last")).containsExactly("last");
        assertThat(events("")).isEmpty();
    }

    @Test
    void otherFieldsAndUnknownLinesAreIgnored() throws IOException {
        assertThat(events("retry: 100\nevent: x\nfoo\ndata:no-space\n\n")).containsExactly("no-space");
    }

    @Test
    void textIsUtf8() throws IOException {
        assertThat(events("data: \"Grüße 🎉\"\n\n")).containsExactly("\"Grüße 🎉\"");
    }
}
