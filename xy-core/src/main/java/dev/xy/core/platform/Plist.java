package dev.xy.core.platform;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes the XML property list of a launchd agent, as {@code xy service install} and the app's start-at-login
 * write them: a top-level dict of strings, string arrays, booleans and nested dicts, each entry on lines of its
 * own, two spaces an indent, and every text escaped. Entries stay in the order they are added, so the file reads
 * as its writer wrote it.
 */
public final class Plist {
    private final StringBuilder xml = new StringBuilder();
    private String indent = "  ";

    private Plist(String comment) {
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\"")
                .append(" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
                .append(xmlComment(comment))
                .append('\n')
                .append("<plist version=\"1.0\">\n<dict>\n");
    }

    /** A plist whose first line after the header is the comment {@code comment}, saying who wrote the file. */
    public static Plist writtenBy(String comment) {
        return new Plist(comment);
    }

    /** {@code text} as XML character data, safe in element content and in attribute values alike. */
    public static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    public Plist string(String key, String value) {
        key(key);
        return line("<string>" + escape(value) + "</string>");
    }

    /** An array of strings. */
    public Plist array(String key, List<String> values) {
        key(key);
        line("<array>");
        values.forEach(value -> line("  <string>" + escape(value) + "</string>"));
        return line("</array>");
    }

    public Plist bool(String key, boolean value) {
        key(key);
        return line(value ? "<true/>" : "<false/>");
    }

    /** A dict of strings, in the map's own order; written even when empty. */
    public Plist dict(String key, Map<String, String> entries) {
        return dict(key, dict -> entries.forEach(dict::string));
    }

    /** A nested dict whose entries {@code entries} adds. */
    public Plist dict(String key, Consumer<Plist> entries) {
        key(key);
        line("<dict>");
        String outer = indent;
        indent = outer + "  ";
        entries.accept(this);
        indent = outer;
        return line("</dict>");
    }

    /** A comment on a line of its own, for whoever reads the file. */
    public Plist comment(String text) {
        return line(xmlComment(text));
    }

    private static String xmlComment(String text) {
        if (text.contains("--")) {
            throw new IllegalArgumentException("an XML comment cannot hold \"--\": " + text);
        }
        return "<!-- " + text + " -->";
    }

    private void key(String key) {
        line("<key>" + escape(key) + "</key>");
    }

    private Plist line(String text) {
        xml.append(indent).append(text).append('\n');
        return this;
    }

    /** The file's text. */
    public String text() {
        return xml + "</dict>\n</plist>\n";
    }
}
