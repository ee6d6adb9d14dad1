package dev.xy.gui.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class LaunchAgentLoginItemTest {
    private static final LaunchCommand APP =
            new LaunchCommand(List.of("/Applications/xy-gui.app/Contents/MacOS/xy-gui"), Map.of());

    @TempDir
    Path home;

    private LaunchAgentLoginItem item(LaunchCommand launch) {
        return new LaunchAgentLoginItem(home.resolve("Library/LaunchAgents"), launch);
    }

    @Test
    void isOffByDefaultAndSwitchingOnWritesAnAgentThatRunsTheAppAtLoad() throws Exception {
        LaunchAgentLoginItem item = item(APP);
        assertThat(item.isEnabled()).isFalse();

        item.enable();

        assertThat(item.file()).isEqualTo(home.resolve("Library/LaunchAgents/dev.xy.app.plist"));
        assertThat(item.isEnabled()).isTrue();
        Map<String, Node> plist = dict(item.file());
        assertThat(plist.get("Label").getTextContent()).isEqualTo("dev.xy.app");
        assertThat(strings(plist.get("ProgramArguments")))
                .containsExactly("/Applications/xy-gui.app/Contents/MacOS/xy-gui");
        assertThat(plist.get("RunAtLoad").getNodeName()).isEqualTo("true");
        assertThat(plist).doesNotContainKeys("KeepAlive", "EnvironmentVariables");
    }

    @Test
    void switchingOffRemovesTheAgent() throws IOException {
        LaunchAgentLoginItem item = item(APP);
        item.enable();

        item.disable();

        assertThat(item.file()).doesNotExist();
        assertThat(item.isEnabled()).isFalse();
    }

    @Test
    void aBuildsLauncherGetsItsJavaHomeAndPathsAreEscaped() throws Exception {
        LaunchAgentLoginItem item = item(new LaunchCommand(
                List.of("/Users/me/R&D/xy/bin/xy-gui"), Map.of("JAVA_HOME", "/Library/Java/jdk-17/Contents/Home")));

        item.enable();

        Map<String, Node> plist = dict(item.file());
        assertThat(strings(plist.get("ProgramArguments"))).containsExactly("/Users/me/R&D/xy/bin/xy-gui");
        assertThat(plist.get("EnvironmentVariables").getTextContent()).contains("/Library/Java/jdk-17/Contents/Home");
    }

    @Test
    void anotherAgentAtThatPlaceIsNeitherOverwrittenNorRemoved() throws IOException {
        Path file = home.resolve("Library/LaunchAgents/dev.xy.app.plist");
        Files.createDirectories(file.getParent());
        String foreign = "<plist><dict><key>Label</key><string>com.example.other</string></dict></plist>\n";
        Files.writeString(file, foreign);
        LaunchAgentLoginItem item = item(APP);

        assertThat(item.isEnabled()).isFalse();
        assertThatThrownBy(item::enable).isInstanceOf(IOException.class).hasMessageContaining("not written by xy");
        item.disable();

        assertThat(file).hasContent(foreign);
    }

    /** The top-level dict of a plist, parsed as XML (so the file is well-formed), key → value element. */
    private static Map<String, Node> dict(Path plist) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Element dict = (Element) factory.newDocumentBuilder()
                .parse(plist.toFile())
                .getElementsByTagName("dict")
                .item(0);
        Map<String, Node> entries = new java.util.LinkedHashMap<>();
        List<Element> children = elements(dict.getChildNodes());
        for (int i = 0; i + 1 < children.size(); i += 2) {
            entries.put(children.get(i).getTextContent(), children.get(i + 1));
        }
        return entries;
    }

    private static List<String> strings(Node array) {
        return elements(array.getChildNodes()).stream()
                .map(Node::getTextContent)
                .toList();
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element) {
                found.add(element);
            }
        }
        return found;
    }
}
