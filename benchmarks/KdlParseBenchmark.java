import dev.xy.core.kdl.KdlDocument;
import dev.xy.core.kdl.KdlParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses a generated ~1 MB KDL document (server-config shaped: strings, numbers, children, comments, a raw and
 * a multi-line string) many times and prints the median and worst wall time per parse, after a warm-up.
 * Run it with benchmarks/kdl-parse.sh.
 */
public class KdlParseBenchmark {
    public static void main(String[] args) throws Exception {
        byte[] document = generate(1024 * 1024);
        int warmups = 30;
        int runs = 50;
        long coldStart = System.nanoTime();
        KdlParser.parse(document);
        long cold = System.nanoTime() - coldStart;
        for (int i = 1; i < warmups; i++) {
            KdlParser.parse(document);
        }
        long[] nanos = new long[runs];
        int nodes = 0;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            KdlDocument parsed = KdlParser.parse(document);
            nanos[i] = System.nanoTime() - start;
            nodes = parsed.nodes().size();
        }
        Arrays.sort(nanos);
        System.out.printf(
                "document: %d bytes, %d top-level nodes%nfirst (cold JVM) parse %.1f ms; then %d warm-up parses%n"
                        + "median %.1f ms, fastest %.1f ms, slowest %.1f ms over %d parses%n",
                document.length, nodes, cold / 1e6, warmups, nanos[runs / 2] / 1e6, nanos[0] / 1e6, nanos[runs - 1] / 1e6, runs);
    }

    private static byte[] generate(int targetBytes) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (out.length() < targetBytes) {
            out.append("// server ").append(i).append('\n');
            out.append("server-").append(i).append(" enabled=#true {\n");
            out.append("    command \"/usr/local/bin/node\"\n");
            out.append("    args \"--port\" \"").append(3000 + i % 1000).append("\" #\"C:\\path\\").append(i).append("\"#\n");
            out.append("    port ").append(3000 + i % 1000).append(" weight=1.5e3 mask=0xFF_FF\n");
            out.append("    env { LOG_LEVEL \"debug\"; TOKEN \"abc\\u{1F600}\" }\n");
            out.append("    /- disabled \"node\"\n");
            out.append("    notes \"\"\"\n        line one\n        line two\n        \"\"\"\n");
            out.append("}\n");
            i++;
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
