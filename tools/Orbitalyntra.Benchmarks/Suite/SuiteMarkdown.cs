using System.Globalization;
using System.Text;

namespace Orbitalyntra.Benchmarks.Suite;

/// <summary>The suite's results as markdown tables, with the project's goals checked against them.</summary>
public static class SuiteMarkdown
{
    public static string Render(SuiteReport report)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.AppendLine(line);
        string N(double value, string format = "F1") => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

        Line($"Measured {report.StartedAt:yyyy-MM-dd HH:mm} UTC on {report.Machine} ({report.Cores} cores, {report.Runtime}){(report.Quick ? " — quick run" : "")}.");
        Line();
        Line("| target | purpose | conversations | offered/s | delivered/s | p50 ms | p95 ms | p99 ms | max ms | lost | dup | failed sends | server CPU (cores) |");
        Line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var target in report.Targets)
        {
            foreach (var run in target.Runs)
            {
                var r = run.Result;
                var cores = string.Join(", ", run.ServerCores.Select(c => $"{c.Key} {N(c.Value, "F2")}"));
                Line($"| {target.Kind} | {run.Purpose} | {r.Options.Conversations} | {N(r.Options.MessagesPerSecond, "F0")} | {N(r.DeliveredPerSecond, "F0")} | {N(r.Latency.P50)} | {N(r.Latency.P95)} | {N(r.Latency.P99)} | {N(r.Latency.Max)} | {r.Lost} | {r.Duplicated} | {r.FailedSends} | {cores} |");
            }
        }

        Line();
        var ceiling = report.Targets.FirstOrDefault(t => t.Kind == "Ceiling");
        Line("| target | sustained delivered/s at p99 < 100 ms | ratio to ceiling | median p99 at the fixed rate (ms) | ratio to ceiling | peak memory (MB) |");
        Line("|---|---|---|---|---|---|");
        foreach (var target in report.Targets)
        {
            var p99 = target.Fixed?.Result.Latency.P99 ?? double.NaN;
            var ceilingP99 = ceiling?.Fixed?.Result.Latency.P99 ?? double.NaN;
            var memory = string.Join(", ", target.Processes.Select(p => $"{p.Key} {p.Value.PeakResidentBytes / 1_048_576}"));
            Line($"| {target.Kind} | {N(target.SustainedMessagesPerSecond, "F0")} | {N(target.SustainedMessagesPerSecond / (ceiling?.SustainedMessagesPerSecond ?? double.NaN), "F2")} | {N(p99)} | {N(p99 / ceilingP99, "F2")} | {memory} |");
        }

        Line();
        Line($"- Managed heap per idle conversation activation: **{N(report.BytesPerIdleActivation, "F0")} bytes**");
        foreach (var (kind, bytes) in report.BytesPerIdleConnection)
        {
            Line($"- Resident memory per idle SignalR connection ({kind}): **{N(bytes, "F0")} bytes**");
        }

        foreach (var storage in report.Storage)
        {
            Line($"- Azurite alone, message-shaped transactions at concurrency {storage.Concurrency}: **{N(storage.TransactionsPerSecond, "F0")}/s**, p50 {N(storage.Latency.P50)} ms, p99 {N(storage.Latency.P99)} ms");
        }

        if (report.ColdOpen is { } cold)
        {
            Line($"- Cold open of a {cold.HistoryLength}-message conversation: latest page of 50 over REST **{N(cold.LatestPageMilliseconds)} ms**; whole history over the hub **{N(cold.FullHistoryMilliseconds)} ms**");
        }

        return text.ToString();
    }
}
