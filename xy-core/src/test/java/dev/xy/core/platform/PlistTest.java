package dev.xy.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class PlistTest {
    private static final String HOSTILE = "R&D <\"quoted\"> & more";

    @Test
    void writesEachKindOfEntryOnLinesOfItsOwnInTheOrderAdded() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin");
        env.put("HOME", "/Users/me");

        String text = Plist.writtenBy("Written by a test.")
                .string("Label", "dev.xy.test")
                .array("ProgramArguments", List.of("/bin/xy", "daemon"))
                .bool("RunAtLoad", true)
                .comment("why the next entry is there")
                .dict("KeepAlive", keepAlive -> keepAlive.bool("SuccessfulExit", false))
                .dict("EnvironmentVariables", env)
                .dict("Empty", Map.of())
                .text();

        assertThat(text)
                .isEqualTo(
                        """
                        <?xml version="1.0" encoding="UTF-8"?>
                        <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
                        <!-- Written by a test. -->
                        <plist version="1.0">
                        <dict>
                          <key>Label</key>
                          <string>dev.xy.test</string>
                          <key>ProgramArguments</key>
                          <array>
                            <string>/bin/xy</string>
                            <string>daemon</string>
                          </array>
                          <key>RunAtLoad</key>
                          <true/>
                          <!-- why the next entry is there -->
                          <key>KeepAlive</key>
                          <dict>
                            <key>SuccessfulExit</key>
                            <false/>
                          </dict>
                          <key>EnvironmentVariables</key>
                          <dict>
                            <key>PATH</key>
                            <string>/usr/bin</string>
                            <key>HOME</key>
                            <string>/Users/me</string>
                          </dict>
                          <key>Empty</key>
                          <dict>
                          </dict>
                        </dict>
                        </plist>
                        """);
    }

    @Test
    void escapesAmpersandsAngleBracketsAndQuotes() {
        assertThat(Plist.escape(HOSTILE)).isEqualTo("R&amp;D &lt;&quot;quoted&quot;&gt; &amp; more");
        assertThat(Plist.escape("&amp;")).as("escaped once, not twice").isEqualTo("&amp;amp;");
    }

    @Test
    void everyKeyAndValueReadsBackAsWrittenFromTheXml() throws Exception {
        String text = Plist.writtenBy("test")
                .string(HOSTILE, HOSTILE)
                .array("args", List.of(HOSTILE))
                .dict("env", Map.of(HOSTILE, HOSTILE))
                .text();

        Document plist = parse(text);

        assertThat(plist.getElementsByTagName("key").item(0).getTextContent()).isEqualTo(HOSTILE);
        for (int i = 0; i < 3; i++) {
            assertThat(plist.getElementsByTagName("string").item(i).getTextContent())
                    .isEqualTo(HOSTILE);
        }
        assertThat(plist.getElementsByTagName("key").item(3).getTextContent()).isEqualTo(HOSTILE);
    }

    @Test
    void aCommentThatWouldEndEarlyOrBreakTheXmlIsRefused() {
        assertThatThrownBy(() -> Plist.writtenBy("a -- b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Plist.writtenBy("ok").comment("--> oops"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Document parse(String text) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
