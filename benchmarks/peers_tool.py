#!/usr/bin/env python3
"""Timing helpers for the peers-*.sh benchmarks (xy beside supervisord and pm2). Standard library only.

  alternate  time whole commands in turn (A B C, B C A, C A B, ...) and print median/min/max and ratios
  burst      start one log burst through a supervisor and time it until its last line is in the log file
  plain      the same burst written straight into a file by the shell
  follow     read a `... logs -f` stream and measure now minus the nanosecond timestamp in each line
  count      count running servers in `xy list --json`, `pm2 jlist` or `supervisorctl status` output (stdin)
  proc       VmRSS, VmHWM (kB), threads and CPU ms of a pid, as key=value
"""
import argparse
import json
import math
import os
import re
import shlex
import statistics
import subprocess
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def pct(values, p):
    """Nearest-rank percentile of a non-empty list."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100.0 * len(s)) - 1))
    return s[k]


def cpu_ms(pid):
    """utime + stime of a process, in ms (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 // CLK_TCK
    except (OSError, IndexError, ValueError):
        return 0


def thread_cpu(pid):
    """{tid: (name, cpu ms)} for every thread of a process."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                text = f.read()
            name = text[text.index("(") + 1:text.rindex(")")]
            fields = text.rsplit(")", 1)[1].split()
            out[tid] = (name, (int(fields[11]) + int(fields[12])) * 1000 // CLK_TCK)
        except (OSError, ValueError, IndexError):
            pass
    return out


def thread_kind(name):
    """Folds a thread name (as /proc shows it, 15 characters at most) into its kind."""
    if name.startswith("xy-pump-"):
        return "pump"
    if name.startswith("C1 Compiler") or name.startswith("C2 Compiler"):
        return "JIT"
    if name.startswith(("GC Thread", "G1 ", "VM Thread")):
        return "GC+VM"
    return "other"


def proc_status(pid):
    out = {"rss_kb": 0, "hwm_kb": 0, "threads": 0}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key == "VmRSS":
                    out["rss_kb"] = int(value.split()[0])
                elif key == "VmHWM":
                    out["hwm_kb"] = int(value.split()[0])
                elif key == "Threads":
                    out["threads"] = int(value.split()[0])
    except OSError:
        pass
    out["cpu_ms"] = cpu_ms(pid)
    return out


# ---------------------------------------------------------------------------------------------- alternate


def run_timed(argv):
    """Runs a command to its end; returns (wall ms, CPU ms of it and the children it waited for, exit code)."""
    start = time.perf_counter_ns()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.perf_counter_ns() - start) / 1e6
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, (usage.ru_utime + usage.ru_stime) * 1000, proc.returncode


def cmd_alternate(args):
    commands = []
    for spec in args.command:
        label, sep, line = spec.partition("=")
        if not sep:
            sys.exit(f"alternate: expected LABEL=COMMAND, got {spec!r}")
        commands.append((label, shlex.split(line)))
    times = {label: [] for label, _ in commands}
    cpus = {label: [] for label, _ in commands}
    failures = {label: 0 for label, _ in commands}
    n = len(commands)
    load_before = os.getloadavg()[0]
    for round_no in range(args.warmup + args.runs):
        # Rotate the order every round, so that no command always runs right after the same other one.
        order = [commands[(round_no + i) % n] for i in range(n)]
        for label, argv in order:
            wall, cpu, rc = run_timed(argv)
            if round_no >= args.warmup:
                times[label].append(wall)
                cpus[label].append(cpu)
                if rc != 0 and rc not in args.ok_codes:
                    failures[label] += 1
    load_after = os.getloadavg()[0]
    base = commands[0][0]
    title = args.title or "wall time per command"
    print(f"{title}: {args.runs} alternating runs after {args.warmup} warm-up rounds; "
          f"load average {load_before:.2f} -> {load_after:.2f}")
    print(f"  {'command':<36} {'wall: median':>12} {'min':>7} {'max':>7}  {'CPU: median':>11}   "
          f"ratio {base} / this: wall (per-round median; of medians), CPU")
    for label, _ in commands:
        t, c = times[label], cpus[label]
        note = f"   {failures[label]} runs exited non-zero" if failures[label] else ""
        ratio = ""
        if label != base:
            per_round = [a / b for a, b in zip(times[base], t)]
            ratio = (f"   {statistics.median(per_round):5.2f}x; {statistics.median(times[base]) / statistics.median(t):5.2f}x,"
                     f" {statistics.median(cpus[base]) / max(statistics.median(c), 0.001):5.2f}x")
        print(f"  {label:<36} {statistics.median(t):10.0f}ms {min(t):5.0f}ms {max(t):5.0f}ms  {statistics.median(c):9.0f}ms"
              f"{ratio}{note}")


# ---------------------------------------------------------------------------------------------- bursts


def tail_has(path, needle, window=8192):
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            f.seek(max(0, size - window))
            return needle in f.read()
    except OSError:
        return False


def read_ns(path):
    """An epoch-ns stamp that a child writes with `date +%s%N >FILE`: the file may exist, still empty, for a moment."""
    for _ in range(1000):
        try:
            with open(path) as f:
                text = f.read().strip()
            if text:
                return int(text)
        except FileNotFoundError:
            pass
        time.sleep(0.002)
    raise SystemExit(f"no time stamp in {path}")


def last_numbered_line(paths, window=8192):
    """The highest "N lorem …" line number in the tails of the files (for a burst whose end never arrived)."""
    best = 0
    for path in paths:
        try:
            with open(path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                f.seek(max(0, size - window))
                for m in re.finditer(rb"(?:^|[ \n])(\d+) lorem ipsum dolor sit amet\n", f.read()):
                    best = max(best, int(m.group(1)))
        except OSError:
            pass
    return best


def total_size(paths):
    total = 0
    for p in paths:
        try:
            total += os.stat(p).st_size
        except OSError:
            pass
    return total


def cmd_burst(args):
    """Starts the burst with the given command (in the background, so slow CLIs cannot hide a fast burst) and
    polls the tails of the log files every 2 ms until the burst's unique last line is there. If the child has
    finished and the files stop growing for --stall seconds without that line, the tool lost the end of the
    output: that is reported (with the last line number that did arrive) instead of a time."""
    stamp = args.stamp_dir
    for name in ("start", "end"):
        try:
            os.remove(os.path.join(stamp, name))
        except FileNotFoundError:
            pass
    nonce = f"{args.label}-{time.time_ns()}"
    with open(os.path.join(stamp, "nonce"), "w") as f:
        f.write(nonce + "\n")
    needle = f"end-of-burst {nonce}".encode()
    cpu_before = cpu_ms(args.pid) if args.pid else 0
    threads_before = thread_cpu(args.pid) if args.pid else {}
    threads_seen = dict(threads_before)
    cli_start = time.time_ns()
    cli_log = open(os.path.join(stamp, "cli.log"), "ab")
    cli = subprocess.Popen(shlex.split(args.start), stdout=cli_log, stderr=cli_log, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + args.timeout
    found = None
    last_size, last_growth = -1, time.monotonic()
    polls = 0
    while time.monotonic() < deadline:
        if any(tail_has(p, needle) for p in args.log):
            found = time.time_ns()
            break
        polls += 1
        if args.pid and polls % 25 == 0:
            threads_seen.update(thread_cpu(args.pid))
        if polls % 50 == 0:  # every ~0.1 s: is anything still arriving?
            size = total_size(args.log)
            if size != last_size:
                last_size, last_growth = size, time.monotonic()
            elif time.monotonic() - last_growth > args.stall and os.path.exists(os.path.join(stamp, "end")):
                break
        time.sleep(0.002)
    cli_rc = cli.wait()
    cpu_after = cpu_ms(args.pid) if args.pid else 0
    result = {"round": args.round, "label": args.label, "cli_rc": cli_rc, "daemon_cpu_ms": cpu_after - cpu_before}
    if args.pid:
        # CPU by thread kind; threads that ended before the last look (the pumps, at the child's exit) are
        # counted up to their last sample, the rest of the process total is "unattributed".
        threads_seen.update(thread_cpu(args.pid))
        kinds = {}
        for tid, (name, cpu) in threads_seen.items():
            kind = thread_kind(name)
            kinds[kind] = kinds.get(kind, 0) + cpu - threads_before.get(tid, (name, 0))[1]
        kinds["unattributed"] = result["daemon_cpu_ms"] - sum(kinds.values())
        result["cpu_by_thread_ms"] = kinds
    if found is None:
        if not os.path.exists(os.path.join(stamp, "start")):
            sys.exit(f"burst {args.label}: the child never started (start command exit {cli_rc}; see {stamp}/cli.log)")
        seen = last_numbered_line(args.log)
        lines = int(os.environ.get("BURST_LINES", "2000000"))
        child_start = read_ns(os.path.join(stamp, "start"))
        child_end = read_ns(os.path.join(stamp, "end")) if os.path.exists(os.path.join(stamp, "end")) else None
        result.update({"on_disk_s": None, "child_s": None if child_end is None else (child_end - child_start) / 1e9,
                       "cli_to_child_s": (child_start - cli_start) / 1e9, "last_line_seen": seen,
                       "missing_lines": lines - seen + 1})
        print(f"burst {args.label} round {args.round}: the last line never reached the log file; the last that did "
              f"is number {seen} of {lines}", file=sys.stderr)
        print(json.dumps(result))
        return
    child_start, child_end = read_ns(os.path.join(stamp, "start")), read_ns(os.path.join(stamp, "end"))
    result.update({
        "on_disk_s": (found - child_start) / 1e9,   # child start -> its last line found in the log file
        "child_s": (child_end - child_start) / 1e9,  # child start -> child done writing (back-pressure shows here)
        "cli_to_child_s": (child_start - cli_start) / 1e9,
        "child_start_ns": child_start,
        "found_ns": found,
    })
    print(json.dumps(result))


def cmd_plain(args):
    stamp = args.stamp_dir
    nonce = f"plain-{time.time_ns()}"
    with open(os.path.join(stamp, "nonce"), "w") as f:
        f.write(nonce + "\n")
    with open(args.out, "wb") as out:
        rc = subprocess.call(args.child, stdout=out, stdin=subprocess.DEVNULL)
    if rc != 0:
        sys.exit(f"plain burst: child exited {rc}")
    child_start, child_end = read_ns(os.path.join(stamp, "start")), read_ns(os.path.join(stamp, "end"))
    if not tail_has(args.out, f"end-of-burst {nonce}".encode()):
        sys.exit("plain burst: last line missing")
    s = (child_end - child_start) / 1e9
    print(json.dumps({"round": args.round, "label": "plain", "on_disk_s": s, "child_s": s, "cli_to_child_s": 0, "daemon_cpu_ms": 0}))


def cmd_burst_table(args):
    """Reads the JSON lines of `burst`/`plain` runs (each with a "round" added) and prints per-burst ratios."""
    rows = [json.loads(line) for line in open(args.results) if line.strip()]
    labels = []
    for r in rows:
        if r["label"] != "plain" and r["label"] not in labels:
            labels.append(r["label"])
    rounds = sorted({r["round"] for r in rows})
    get = {(r["round"], r["label"]): r for r in rows}
    print(f"  {'burst':<7} {'plain file':>10}  " + "  ".join(f"{l + ' (ratio)':>22}" for l in labels))
    for rnd in rounds:
        plain = get[(rnd, "plain")]["on_disk_s"]
        cells = []
        for l in labels:
            r = get.get((rnd, l))
            if r is None:
                cells.append(f"{'-':>22}")
            elif r["on_disk_s"] is None:
                cells.append(f"lost last {r['missing_lines']} lines".rjust(22))
            else:
                cells.append(f"{r['on_disk_s']:>8.3f}s ({r['on_disk_s'] / plain:5.2f}x)".rjust(22))
        kind = "cold" if rnd == rounds[0] else "warm"
        print(f"  {rnd} {kind:<5} {plain:>9.3f}s  " + "  ".join(cells))
    if len(rounds) > 2:
        cells = []
        for l in labels:
            ratios = [get[(rnd, l)]["on_disk_s"] / get[(rnd, "plain")]["on_disk_s"] for rnd in rounds[1:]
                      if (rnd, l) in get and get[(rnd, l)]["on_disk_s"] is not None]
            cells.append((f"median {statistics.median(ratios):5.2f}x" if ratios else "-").rjust(22))
        print(f"  {'warm':<7} {'':>10}  " + "  ".join(cells))
    print("  child's own time (start -> last line written; > plain means the supervisor slowed the writer):")
    for rnd in rounds:
        cells = []
        for l in labels:
            r = get.get((rnd, l))
            cells.append(f"{'-':>22}" if r is None or r["child_s"] is None else f"{r['child_s']:>8.3f}s".rjust(22))
        print(f"  {rnd:<7} {'':>10}  " + "  ".join(cells))
    print("  daemon CPU during the burst (utime+stime of the daemon process; for xy, of which JIT compiler threads):")
    for rnd in rounds:
        cells = []
        for l in labels:
            r = get.get((rnd, l))
            if r is None:
                cells.append(f"{'-':>22}")
            elif l.startswith("xy") and "cpu_by_thread_ms" in r:
                cells.append(f"{r['daemon_cpu_ms']:>8d}ms (JIT {r['cpu_by_thread_ms'].get('JIT', 0)})".rjust(22))
            else:
                cells.append(f"{r['daemon_cpu_ms']:>8d}ms".rjust(22))
        print(f"  {rnd:<7} {'':>10}  " + "  ".join(cells))


# ---------------------------------------------------------------------------------------------- follow

TS = re.compile(rb"\b(\d{19})\b")


def cmd_follow(args):
    """Each follower command runs at once; every line carrying a 19-digit epoch-ns stamp newer than the start
    gives one sample of now - stamp. Lines are read without buffering delays (os.read on the pipe)."""
    import selectors

    sel = selectors.DefaultSelector()
    procs = []
    begin = time.time_ns()
    for spec in args.command:
        label, _, line = spec.partition("=")
        p = subprocess.Popen(shlex.split(line), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             stdin=subprocess.DEVNULL, start_new_session=True)
        os.set_blocking(p.stdout.fileno(), False)
        state = {"label": label, "proc": p, "buf": b"", "samples": [], "skipped": 0}
        sel.register(p.stdout, selectors.EVENT_READ, state)
        procs.append(state)
    deadline = time.monotonic() + args.timeout
    try:
        while time.monotonic() < deadline and any(len(s["samples"]) < args.samples for s in procs):
            for key, _ in sel.select(timeout=0.5):
                s = key.data
                chunk = os.read(key.fileobj.fileno(), 65536)
                now = time.time_ns()
                if not chunk:
                    sel.unregister(key.fileobj)
                    continue
                s["buf"] += chunk
                *lines, s["buf"] = s["buf"].split(b"\n")
                for line in lines:
                    m = TS.search(line)
                    if not m:
                        continue
                    ts = int(m.group(1))
                    if ts < begin:
                        continue  # an old line from the tail that a follower prints first
                    if s["skipped"] < args.warmup:
                        s["skipped"] += 1
                        continue
                    if len(s["samples"]) < args.samples:
                        s["samples"].append((now - ts) / 1e6)
    finally:
        for s in procs:
            try:
                os.killpg(s["proc"].pid, 15)
            except ProcessLookupError:
                pass
            try:
                s["proc"].wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(s["proc"].pid, 9)
                s["proc"].wait()
    base = procs[0]
    print(f"line -> follower latency: {args.samples} lines per follower after {args.warmup} warm-up lines, "
          f"followers running side by side; load average {os.getloadavg()[0]:.2f}")
    print(f"  {'follower':<40} {'n':>5} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}   {base['label']} / this: p50, p99")
    for s in procs:
        v = s["samples"]
        if not v:
            print(f"  {s['label']:<40} {0:>5}   no lines arrived")
            continue
        ratio = ""
        if s is not base and base["samples"]:
            ratio = (f"   {pct(base['samples'], 50) / max(pct(v, 50), 1e-3):.2f}x, "
                     f"{pct(base['samples'], 99) / max(pct(v, 99), 1e-3):.2f}x")
        print(f"  {s['label']:<40} {len(v):>5} {pct(v, 50):6.1f}ms {pct(v, 90):6.1f}ms {pct(v, 99):6.1f}ms "
              f"{max(v):6.1f}ms{ratio}")


# ---------------------------------------------------------------------------------------------- JFR summary


def iso_ns(text):
    """"2026-11-26T21:35:06.671215289Z" -> epoch ns."""
    import datetime
    base, _, frac = text.rstrip("Z").partition(".")
    seconds = datetime.datetime.fromisoformat(base).replace(tzinfo=datetime.timezone.utc).timestamp()
    return int(seconds) * 1_000_000_000 + int((frac + "000000000")[:9])


def duration_ms(text):
    """"PT0.025399197S" / "PT1M2.5S" -> ms."""
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", text or "")
    if not m:
        return 0.0
    h, mi, sec = m.groups()
    return ((int(h or 0) * 60 + int(mi or 0)) * 60 + float(sec or 0)) * 1000


def jfr_events(jfr, event):
    out = subprocess.run(["jfr", "print", "--json", "--events", event, jfr], capture_output=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def frame_name(frame):
    method = frame.get("method") or {}
    cls = (method.get("type") or {}).get("name", "?")
    return f"{cls.replace('/', '.')}.{method.get('name', '?')}"


def thread_group(name):
    if name.startswith("xy-pump-"):
        return "xy-pump-*"
    if name.startswith("xy-supervisor-"):
        return "xy-supervisor-*"
    return re.sub(r"\d+", "N", name)


def cmd_jfr_summary(args):
    bursts = [json.loads(line) for line in open(args.results) if line.strip()]
    windows = [(b["round"], b["child_start_ns"], b["found_ns"]) for b in bursts if b.get("found_ns")]

    def window_of(ts):
        for rnd, start, end in windows:
            if start <= ts <= end:
                return rnd
        return None

    gcs = jfr_events(args.jfr, "jdk.GarbageCollection")
    comps = jfr_events(args.jfr, "jdk.Compilation")
    samples = jfr_events(args.jfr, "jdk.ExecutionSample")
    allocs = jfr_events(args.jfr, "jdk.ObjectAllocationSample")
    heap = jfr_events(args.jfr, "jdk.GCHeapSummary")

    print("  per burst (events inside [child start, last line in the file]):")
    print(f"  {'burst':<6} {'time':>7} {'GCs':>4} {'GC pauses':>10} {'JIT compiles':>13} {'JIT time':>9} "
          f"{'allocated (sampled)':>20} {'CPU samples pump/other':>23}")
    per = {}
    for rnd, start, end in windows:
        per[rnd] = {"gc": 0, "pause": 0.0, "comp": 0, "comp_ms": 0.0, "alloc": 0, "pump": 0, "other": 0}
    for e in gcs:
        r = window_of(iso_ns(e["values"]["startTime"]))
        if r:
            per[r]["gc"] += 1
            per[r]["pause"] += duration_ms(e["values"]["sumOfPauses"])
    for e in comps:
        r = window_of(iso_ns(e["values"]["startTime"]))
        if r:
            per[r]["comp"] += 1
            per[r]["comp_ms"] += duration_ms(e["values"]["duration"])
    for e in allocs:
        r = window_of(iso_ns(e["values"]["startTime"]))
        if r:
            per[r]["alloc"] += int(e["values"].get("weight", 0))
    hot_self, hot_xy, by_thread = {}, {}, {}
    for e in samples:
        v = e["values"]
        thread = (v.get("sampledThread") or {}).get("javaName") or "?"
        r = window_of(iso_ns(v["startTime"]))
        if not r:
            continue
        group = thread_group(thread)
        by_thread[group] = by_thread.get(group, 0) + 1
        per[r]["pump" if group == "xy-pump-*" else "other"] += 1
        frames = (v.get("stackTrace") or {}).get("frames") or []
        if frames:
            top = frame_name(frames[0])
            hot_self[top] = hot_self.get(top, 0) + 1
            seen = set()
            for fr in frames:
                name = frame_name(fr)
                if name.startswith("dev.xy.") and name not in seen:
                    seen.add(name)
                    hot_xy[name] = hot_xy.get(name, 0) + 1
    for b in bursts:
        if not b.get("found_ns"):
            continue
        p = per[b["round"]]
        k = b.get("cpu_by_thread_ms", {})
        cpu = f"  daemon CPU {b['daemon_cpu_ms']} ms = " + ", ".join(f"{n} {k.get(n, 0)}" for n in
                                                                ("pump", "JIT", "GC+VM", "other", "unattributed"))
        print(f"  {b['round']:<6} {b['on_disk_s']:6.3f}s {p['gc']:>4} {p['pause']:8.1f}ms {p['comp']:>13} "
              f"{p['comp_ms']:7.0f}ms {p['alloc'] / 1048576:17.0f} MB {p['pump']:>11}/{p['other']:<11}{cpu}")
    total = sum(hot_self.values()) or 1
    print(f"  hottest frames during the bursts (top of stack, {total} samples, all threads):")
    for name, n in sorted(hot_self.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"    {100 * n / total:5.1f}%  {name}")
    print("  xy methods on the stack during the bursts (inclusive):")
    for name, n in sorted(hot_xy.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"    {100 * n / total:5.1f}%  {name}")
    print("  samples by thread: " + ", ".join(f"{k} {v}" for k, v in sorted(by_thread.items(), key=lambda kv: -kv[1])))
    by_class = {}
    for e in allocs:
        if window_of(iso_ns(e["values"]["startTime"])):
            cls = (e["values"].get("objectClass") or {}).get("name", "?").replace("/", ".")
            by_class[cls] = by_class.get(cls, 0) + int(e["values"].get("weight", 0))
    alloc_total = sum(by_class.values()) or 1
    print(f"  allocation during the bursts by class (sampled weights, {alloc_total / 1048576:.0f} MB in all):")
    for cls, w in sorted(by_class.items(), key=lambda kv: -kv[1])[:8]:
        print(f"    {100 * w / alloc_total:5.1f}%  {w / 1048576:7.0f} MB  {cls}")
    if heap:
        last = heap[-1]["values"]
        committed = (last.get("heapSpace") or {}).get("committedSize", 0)
        print(f"  heap at the last GC: used {int(last.get('heapUsed', 0)) / 1048576:.0f} MB, "
              f"committed {int(committed) / 1048576:.0f} MB; "
              f"peak committed {max(int((h['values'].get('heapSpace') or {}).get('committedSize', 0)) for h in heap) / 1048576:.0f} MB")


# ---------------------------------------------------------------------------------------------- CLI analysis


def cmd_rpc_rtt(args):
    """The daemon's own share of a CLI command: JSON-RPC round trips on one connection, no process start-up."""
    import socket
    times = []
    for i in range(args.n + 5):
        start = time.perf_counter_ns()
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.connect(args.socket)
            sock.sendall(json.dumps({"jsonrpc": "2.0", "id": i, "method": args.method}).encode() + b"\n")
            data = b""
            while not data.endswith(b"\n"):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        if i >= 5:
            times.append((time.perf_counter_ns() - start) / 1e6)
    print(f"  raw JSON-RPC `{args.method}` (connect, request, reply; {len(data)} bytes), {args.n} times: "
          f"median {statistics.median(times):.2f} ms, min {min(times):.2f} ms, max {max(times):.2f} ms")


def library_of(name):
    for prefix, lib in (("picocli.", "picocli"), ("com.fasterxml.jackson.", "jackson"),
                        ("org.newsclub.", "junixsocket"), ("dev.xy.", "xy")):
        if name.startswith(prefix):
            return lib
    if "$$Lambda" in name or "LambdaForm$" in name or name.startswith("jdk.internal.reflect.Generated"):
        return "generated"
    return "jdk"


def source_kind(source):
    if source.startswith("shared objects file (top)"):
        return "app archive"
    if source.startswith("shared objects file"):
        return "JDK CDS"
    if source.startswith("jrt:/"):
        return "jrt (not arch.)"
    if source.startswith("file:") or source.endswith(".jar"):
        return "jar (not arch.)"
    return "generated"


def cmd_class_load(args):
    """Reads an -Xlog:class+load:file=…:uptime log: classes by library and source, and when each library began."""
    rows = []
    pat = re.compile(r"^\[([\d.]+)s\](?:\[[^\]]*\])* (\S+) source: (.*)$")
    for line in open(args.log, errors="replace"):
        m = pat.match(line.strip())
        if m:
            rows.append((float(m.group(1)) * 1000, m.group(2), m.group(3)))
    libs = ["jdk", "picocli", "jackson", "junixsocket", "xy", "generated"]
    kinds = ["JDK CDS", "app archive", "jrt (not arch.)", "jar (not arch.)", "generated"]
    table = {(l, k): 0 for l in libs for k in kinds}
    first = {}
    for ms, name, source in rows:
        lib = library_of(name)
        table[(lib, source_kind(source))] += 1
        first.setdefault(lib, ms)
    print(f"  {len(rows)} classes loaded; by library and where they came from:")
    print(f"  {'library':<12}" + "".join(f"{k:>16}" for k in kinds) + f"{'first loaded at':>17}")
    for l in libs:
        total = sum(table[(l, k)] for k in kinds)
        if total:
            at = f"{first[l]:.0f} ms" if l in first else "-"
            print(f"  {l:<12}" + "".join(f"{table[(l, k)]:>16}" for k in kinds) + f"{at:>17}")
    if rows:
        print(f"  last class loaded at {rows[-1][0]:.0f} ms of JVM uptime")


# ---------------------------------------------------------------------------------------------- misc


def cmd_count(args):
    text = sys.stdin.read()
    if args.kind == "xy":
        n = sum(1 for s in json.loads(text or "[]") if s.get("state") == "running")
    elif args.kind == "pm2":
        start = text.find("[")
        n = sum(1 for p in json.loads(text[start:] if start >= 0 else "[]")
                if p.get("pm2_env", {}).get("status") == "online")
    else:
        n = sum(1 for line in text.splitlines() if re.search(r"\sRUNNING\s", line))
    print(n)


def cmd_proc(args):
    print(" ".join(f"{k}={v}" for k, v in proc_status(args.pid).items()))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)

    a = sub.add_parser("alternate")
    a.add_argument("-n", "--runs", type=int, default=15)
    a.add_argument("-w", "--warmup", type=int, default=3)
    a.add_argument("--title")
    a.add_argument("--ok-codes", type=int, nargs="*", default=[])
    a.add_argument("command", nargs="+", help="LABEL=COMMAND (split like a shell; no shell runs it)")
    a.set_defaults(fn=cmd_alternate)

    b = sub.add_parser("burst")
    b.add_argument("--label", required=True)
    b.add_argument("--stamp-dir", required=True)
    b.add_argument("--log", action="append", required=True)
    b.add_argument("--pid", type=int)
    b.add_argument("--timeout", type=float, default=float(os.environ.get("BURST_TIMEOUT", "300")))
    b.add_argument("--round", type=int, default=1)
    b.add_argument("--stall", type=float, default=5.0)
    b.add_argument("start", help="the command that starts the burst, one string split like a shell")
    b.set_defaults(fn=cmd_burst)

    p = sub.add_parser("plain")
    p.add_argument("--stamp-dir", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--round", type=int, default=1)
    p.add_argument("child", nargs="+")
    p.set_defaults(fn=cmd_plain)

    t = sub.add_parser("burst-table")
    t.add_argument("results")
    t.set_defaults(fn=cmd_burst_table)

    f = sub.add_parser("follow")
    f.add_argument("--samples", type=int, default=500)
    f.add_argument("--warmup", type=int, default=25)
    f.add_argument("--timeout", type=float, default=120)
    f.add_argument("command", nargs="+", help="LABEL=COMMAND")
    f.set_defaults(fn=cmd_follow)

    j = sub.add_parser("jfr-summary")
    j.add_argument("jfr")
    j.add_argument("results")
    j.add_argument("--top", type=int, default=15)
    j.set_defaults(fn=cmd_jfr_summary)

    q = sub.add_parser("rpc-rtt")
    q.add_argument("socket")
    q.add_argument("--method", default="list")
    q.add_argument("-n", type=int, default=50)
    q.set_defaults(fn=cmd_rpc_rtt)

    cl = sub.add_parser("class-load")
    cl.add_argument("log")
    cl.set_defaults(fn=cmd_class_load)

    c = sub.add_parser("count")
    c.add_argument("kind", choices=["xy", "pm2", "supervisord"])
    c.set_defaults(fn=cmd_count)

    r = sub.add_parser("proc")
    r.add_argument("pid", type=int)
    r.set_defaults(fn=cmd_proc)

    args = ap.parse_args()
    args.fn(args)


if __name__ == "__main__":
    main()
