import dev.xy.core.config.HealthConfig;
import dev.xy.core.config.LogConfig;
import dev.xy.core.config.RestartConfig;
import dev.xy.core.config.RestartPolicy;
import dev.xy.core.config.ServerConfig;
import dev.xy.core.config.StopConfig;
import dev.xy.core.logs.LogHub;
import dev.xy.core.logs.RotatingLogFile;
import dev.xy.core.supervisor.ExecutorScheduler;
import dev.xy.core.supervisor.OsProcessLauncher;
import dev.xy.core.supervisor.ServerState;
import dev.xy.core.supervisor.ServerSupervisor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A child writes LINES lines (~95 bytes each) as fast as it can and reports its own elapsed time. It runs
 * alternately with stdout redirected straight into a file, and under xy (supervisor, pipes, pumps, rotating log
 * file, ring). Prints each round and the medians. Run it with benchmarks/log-throughput.sh.
 */
public class LogThroughputBenchmark {
    static final int LINES = 2_000_000;
    static final String CHILD = "use Time::HiRes qw(time); my $t = time; my $pad = 'x' x 80;"
            + " for my $i (1.." + LINES + ") { printf \"%08d %s\\n\", $i, $pad }"
            + " close STDOUT; printf STDERR \"elapsed %.6f\\n\", time - $t;";

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Files.createTempDirectory("xy-bench");
        List<Double> direct = new ArrayList<>();
        List<Double> underXy = new ArrayList<>();
        List<Double> xyDrained = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double d = direct(work);
            double[] x = underXy(work, round);
            direct.add(d);
            underXy.add(x[0]);
            xyDrained.add(x[1]);
            System.out.printf("round %d: straight to file %.3f s | under xy %.3f s (child), %.3f s until xy had written the last line%n", round, d, x[0], x[1]);
        }
        double md = median(direct);
        double mx = median(underXy);
        System.out.printf("median: straight to file %.3f s, under xy %.3f s -> %.2fx (all lines in xy's file after %.3f s, %.2fx)%n",
                md, mx, mx / md, median(xyDrained), median(xyDrained) / md);
    }

    static double direct(Path work) throws Exception {
        Path out = work.resolve("direct.log");
        Process p = new ProcessBuilder("perl", "-e", CHILD)
                .redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
        String err = new String(p.getErrorStream().readAllBytes());
        p.waitFor();
        Files.delete(out);
        return parseElapsed(err);
    }

    static double[] underXy(Path work, int round) throws Exception {
        String name = "bench" + round;
        ServerConfig config = new ServerConfig(name, work.resolve(name + ".kdl"), "perl", List.of("-e", CHILD), 40000 + round,
                Map.of(), Optional.empty(), true,
                new RestartConfig(RestartPolicy.NEVER, Duration.ofSeconds(1), Duration.ofSeconds(1), 1),
                StopConfig.DEFAULT, LogConfig.DEFAULT, HealthConfig.DEFAULT);
        Path logs = work.resolve("logs");
        // Rotation at 64 MB (a rename every ~500,000 lines), keeping enough files to count every line afterwards.
        LogHub hub = new LogHub(name, new RotatingLogFile(logs.resolve(name + ".log"), 64L << 20, 10), System::currentTimeMillis);
        try (ExecutorScheduler scheduler = new ExecutorScheduler("bench")) {
            ServerSupervisor supervisor = new ServerSupervisor(config, scheduler, new OsProcessLauncher(work), hub);
            CountDownLatch stopped = new CountDownLatch(1);
            supervisor.addListener(t -> { if (t.to() == ServerState.STOPPED) stopped.countDown(); });
            long start = System.nanoTime();
            supervisor.start();
            if (!stopped.await(5, TimeUnit.MINUTES)) throw new IllegalStateException("child did not finish");
            double drained = (System.nanoTime() - start) / 1e9;
            double child = hub.tail(Integer.MAX_VALUE).stream().map(l -> l.text()).filter(t -> t.startsWith("elapsed ")).mapToDouble(LogThroughputBenchmark::parseElapsed).findFirst().orElseThrow();
            hub.close();
            long lines;
            try (var files = Files.list(logs)) {
                lines = 0;
                for (Path f : files.toList()) {
                    try (var l = Files.lines(f)) { lines += l.filter(s -> s.contains(" stdout ")).count(); }
                    Files.delete(f);
                }
            }
            if (lines != LINES) throw new IllegalStateException("lost lines: " + lines);
            return new double[] {child, drained};
        }
    }

    static double parseElapsed(String text) {
        return Double.parseDouble(text.trim().replace("elapsed ", ""));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
