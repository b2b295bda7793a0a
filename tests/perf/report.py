#!/usr/bin/env python3
"""Turns the RESULT lines of tests/perf/paths.lua into the Markdown reports of bench-vs-nginx.sh and load.sh."""
import argparse
import datetime
import json
import os
import platform
import statistics
import sys
from pathlib import Path


def load(path):
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line.strip()]


def rps(run):
    return run["requests"] / (run["duration_us"] / 1e6)


def quantile_ms(run, permille):
    return run["quantiles_us"][permille - 1] / 1000


def cpu_us(run):
    """Server CPU time (user + system, all its processes) per request, in microseconds."""
    return run["cpu_seconds"] * 1e6 / run["requests"] if run.get("cpu_seconds") is not None and run["requests"] else float("nan")


def unexpected(run):
    """Responses with another status than the group expects, plus socket errors."""
    wrong = sum(n for status, n in run["statuses"].items() if status not in (str(run["expected"]), "2xx/3xx"))
    return wrong + sum(run["errors"].values())


def server_errors(run):
    """5xx responses; where only 2xx/3xx were told from the rest, every other response counts as one."""
    counted = sum(n for status, n in run["statuses"].items() if status.isdigit() and int(status) >= 500)
    return counted + run["statuses"].get("other", 0)


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}"


def bench(args):
    results = {p.stem: load(p) for p in Path(args.results).glob("*.jsonl")}
    out = []
    w = out.append
    w(f"Run {datetime.datetime.now():%Y-%m-%d %H:%M}, {machine()}; .NET SDK {args.dotnet}, nginx {args.nginx}.")
    w(f"wrk: {args.threads} threads, {args.connections} connections, {args.duration} s per run, warmed up first; "
      f"{args.rounds} rounds, site and nginx alternating, median reported.")
    w(f"The article is {args.bytes} bytes ({args.gzip_bytes} gzip), identical from both (checked with cmp).")
    w("")
    w("| Article | site req/s | nginx req/s | site ÷ nginx | per-round ratios | site p50 / p99 ms | nginx p50 / p99 ms | CPU µs per request, site / nginx | errors |")
    w("| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |")
    verdicts = []
    for name, label in [("article-plain", "plain (no compression)"), ("article-gzip", "gzip"),
                        ("article-logged", "plain, with a log line per request on both sides"),
                        ("article-pooled", "plain, with request code on the thread pool (GastroRef:InlineScheduling off)"),
                        ("article-floor", "plain, *not the site*: the same bytes from ASP.NET Core's first middleware (the Kestrel floor)"),
                        ("article-floor-gzip", "gzip, *not the site*: the Kestrel floor")]:
        site, nginx = results.get(f"{name}-site", []), results.get(f"{name}-nginx", [])
        if not site or not nginx:
            continue
        site_rps, nginx_rps = statistics.median(map(rps, site)), statistics.median(map(rps, nginx))
        ratios = [rps(s) / rps(n) for s, n in zip(site, nginx)]
        errors = sum(map(unexpected, site)) + sum(map(unexpected, nginx))
        w(f"| {label} | {site_rps:,.0f} | {nginx_rps:,.0f} | **{site_rps / nginx_rps:.2f}×** | "
          f"{min(ratios):.2f}–{max(ratios):.2f} | "
          f"{statistics.median(quantile_ms(r, 500) for r in site):.2f} / {statistics.median(quantile_ms(r, 990) for r in site):.2f} | "
          f"{statistics.median(quantile_ms(r, 500) for r in nginx):.2f} / {statistics.median(quantile_ms(r, 990) for r in nginx):.2f} | "
          f"{statistics.median(map(cpu_us, site)):.1f} / {statistics.median(map(cpu_us, nginx)):.1f} | {errors} |")
        verdicts.append((label, site_rps / nginx_rps))
    w("")
    for label, ratio in verdicts[:1]:
        verdict = "meets the goal (≥ 0.9×)" if ratio >= 0.9 else "above the floor (≥ 0.7×), below the goal" if ratio >= 0.7 else "BELOW the 0.7× floor"
        w(f"Article, {label}: {ratio:.2f}× nginx — {verdict}.")
        w("")
    search = results.get("search", [])
    if search:
        plain = results.get("article-plain-site", [])
        search_rps = statistics.median(map(rps, search))
        w(f"Search ({args.search_paths.strip()}, {len(search)} rounds of {args.duration} s, rotating 20 terms): "
          f"**{search_rps:,.0f} req/s**, p50 {statistics.median(quantile_ms(r, 500) for r in search):.2f} ms, "
          f"p99 {statistics.median(quantile_ms(r, 990) for r in search):.2f} ms, "
          f"{statistics.median(map(cpu_us, search)):.0f} µs of server CPU per request, "
          f"{sum(map(unexpected, search))} errors"
          + (f"; {search_rps / statistics.median(map(rps, plain)):.2f}× the cached article's rate in the same run." if plain else "."))
    else:
        w("Search: this build has no search endpoint yet (/api/search, /search, /api/suggest); not measured.")
    w("")
    w(f"Site resident memory (RSS): {args.rss_started} MiB after start and seeding, {args.rss_after} MiB after the runs, "
      f"{args.rss_peak} MiB peak.")
    print("\n".join(out))
    failed = any(sum(map(unexpected, runs)) for runs in results.values())
    return 1 if failed else 0


def merged_quantile(runs, permille):
    """The p-quantile of several groups together, each weighted by its request count."""
    samples = []
    for run in runs:
        weight = run["requests"] / 999
        samples.extend((q, weight) for q in run["quantiles_us"])
    samples.sort()
    total = sum(w for _, w in samples)
    target, seen = total * permille / 1000, 0.0
    for value, weight in samples:
        seen += weight
        if seen >= target:
            return value / 1000
    return samples[-1][0] / 1000


def load_report(args):
    runs = load(args.results)
    memory = [tuple(map(float, line.split())) for line in Path(args.memory).read_text().splitlines() if line.strip()]
    out = []
    w = out.append
    duration = max(r["duration_us"] for r in runs) / 1e6
    total = sum(r["requests"] for r in runs)
    w(f"Run {datetime.datetime.now():%Y-%m-%d %H:%M}, {machine()}; {args.phase}: {duration:.0f} s, "
      f"{sum(int(c) for c in args.connections.split())} connections in {len(runs)} groups.")
    w("")
    w("| Group | connections | requests | req/s | expected status | other statuses / socket errors | 5xx | p50 ms | p99 ms |")
    w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for run, connections in zip(runs, args.connections.split()):
        w(f"| {run['name']} | {connections} | {run['requests']:,} | {rps(run):,.0f} | {run['expected']} | {unexpected(run)} | "
          f"{server_errors(run)} | {quantile_ms(run, 500):.2f} | {quantile_ms(run, 990):.2f} |")
    w(f"| **all** | | **{total:,}** | **{total / duration:,.0f}** | | **{sum(map(unexpected, runs))}** | "
      f"**{sum(map(server_errors, runs))}** | **{merged_quantile(runs, 500):.2f}** | **{merged_quantile(runs, 990):.2f}** |")
    w("")
    probes = [r for r in runs if r["probe_checked"]]
    for probe in probes:
        w(f"Hot reseed: {args.edits} edits during the run; the probe page was read {probe['probe_checked']:,} times and showed "
          f"{probe['probe_versions']} different versions; **{probe['probe_mixed']} responses mixed two versions**.")
        w("")
    if memory:
        settled = [rss for t, rss in memory if t >= args.settle] or [rss for _, rss in memory]
        first, last, peak = settled[0], settled[-1], max(settled)
        growth = last - first
        stable = growth <= max(16.0, 0.10 * first)
        w(f"Memory (RSS, sampled every {args.sample} s): {memory[0][1]:.0f} MiB at the start, {first:.0f} MiB at {args.settle:.0f} s, "
          f"{last:.0f} MiB at the end, {peak:.0f} MiB peak: {'stable' if stable else 'GROWING'} "
          f"({growth:+.0f} MiB after warm-up).")
    print("\n".join(out))
    ok = sum(map(unexpected, runs)) == 0 and sum(map(server_errors, runs)) == 0 and all(p["probe_mixed"] == 0 for p in probes)
    if memory:
        ok = ok and stable
    print("\nRESULT: " + ("PASS" if ok else "FAIL"))
    return 0 if ok else 1


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("bench")
    b.add_argument("results")
    for name in ["rounds", "duration", "connections", "threads", "bytes", "gzip_bytes", "rss_started", "rss_after",
                 "rss_peak", "nginx", "dotnet", "search_paths"]:
        b.add_argument("--" + name.replace("_", "-"), dest=name, default="")
    lo = sub.add_parser("load")
    lo.add_argument("results")
    lo.add_argument("--memory", required=True)
    lo.add_argument("--connections", required=True)
    lo.add_argument("--phase", default="load")
    lo.add_argument("--edits", default="0")
    lo.add_argument("--settle", type=float, default=15)
    lo.add_argument("--sample", default="2")
    args = parser.parse_args()
    sys.exit(bench(args) if args.command == "bench" else load_report(args))


if __name__ == "__main__":
    main()
