package dev.xy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One command line run in this JVM: its exit code and what it printed on each stream. */
record CapturedRun(int exit, String out, String err) {
    static CapturedRun of(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new CapturedRun(exit, out.toString(), err.toString());
    }
}
