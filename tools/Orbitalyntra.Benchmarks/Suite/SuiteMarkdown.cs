using System.Globalization;
using System.Text;
using Orbitalyntra.Benchmarks.Targets;

namespace Orbitalyntra.Benchmarks.Suite;

/// <summary>The suite's results as markdown tables, with the project's goals checked against them.</summary>
public static class SuiteMarkdown
{
    public static string Render(SuiteReport report)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.AppendLine(line);

        Line($"Measured {report.StartedAt:yyyy-MM-dd HH:mm} UTC on {report.Machine} ({report.Cores} cores, {report.Runtime}){(report.Quick ? " — quick run" : "")}.");
        Line();
        Line("Rates are per second. First messages: the first of each party of a conversation started during the run; later: all other messages. " +
            $"Storage: requests per message acknowledged in the measured window (per start in a run of starts alone). Never brought: the web host's \"{ServerProcesses.StreamNeverBrought}\" warnings during the run.");
        Line();
        Line("| target | purpose | conversations | messages/s | new conversations/s | delivered/s | p50 ms | p95 ms | p99 ms | max ms | first messages p50 / p99 ms | later messages p50 / p99 ms | lost | dup | failed sends | failed starts | storage requests | never brought | server warnings | server CPU (cores) |");
        Line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var target in report.Targets)
        {
            foreach (var run in target.Runs)
            {
                var r = run.Result;
                var cores = string.Join(", ", run.ServerCores.Select(c => $"{c.Key} {N(c.Value, "F2")}"));
                var storage = r.Storage is null ? "–" : r.Options.StartsAlone ? $"{N(r.StorageRequestsPerStart)} per start" : $"{N(r.StorageRequestsPerMessage, "F2")} per message";
                Line($"| {target.Kind} | {run.Purpose} | {r.Options.Conversations} | {N(r.Options.MessagesPerSecond, "F0")} | {N(r.Options.NewConversationsPerSecond)} | {N(r.DeliveredPerSecond, "F0")} | " +
                    $"{N(r.Latency.P50)} | {N(r.Latency.P95)} | {N(r.Latency.P99)} | {N(r.Latency.Max)} | {N(r.FirstMessages.P50)} / {N(r.FirstMessages.P99)} | {N(r.LaterMessages.P50)} / {N(r.LaterMessages.P99)} | " +
                    $"{r.Lost} | {r.Duplicated} | {r.FailedSends} | {r.FailedStarts} | {storage} | {run.StreamNeverBroughtWarnings} | {run.ServerWarnings} | {cores} |");
            }
        }

        Line();
        var ceiling = report.Targets.FirstOrDefault(t => t.Kind == nameof(TargetKind.Ceiling));
        Line("| target | sustained delivered/s at p99 < 100 ms | ratio to ceiling | median p99 at the fixed rate (ms) | ratio to ceiling | its first / later messages' p99 (ms) | its storage requests per message | storage requests per start | never brought, all runs | peak memory (MB) |");
        Line("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var target in report.Targets)
        {
            var p99 = target.Fixed?.Result.Latency.P99 ?? double.NaN;
            var ceilingP99 = ceiling?.Fixed?.Result.Latency.P99 ?? double.NaN;
            var memory = string.Join(", ", target.Processes.Select(p => $"{p.Key} {p.Value.PeakResidentBytes / 1_048_576}"));
            Line($"| {target.Kind} | {N(target.SustainedMessagesPerSecond, "F0")} | {N(target.SustainedMessagesPerSecond / (ceiling?.SustainedMessagesPerSecond ?? double.NaN), "F2")} | {N(p99)} | {N(p99 / ceilingP99, "F2")} | " +
                $"{N(target.Fixed?.Result.FirstMessages.P99 ?? double.NaN)} / {N(target.Fixed?.Result.LaterMessages.P99 ?? double.NaN)} | {N(target.Fixed?.Result.StorageRequestsPerMessage ?? double.NaN, "F2")} | " +
                $"{N(target.Starts?.Result.StorageRequestsPerStart ?? double.NaN)} | {target.Runs.Sum(r => r.StreamNeverBroughtWarnings)} | {memory} |");
        }

        foreach (var target in report.Targets)
        {
            StorageBreakdown(Line, target);
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

    /// <summary>Which requests a target's storage work was made of, in its median fixed run and in its run of starts alone.</summary>
    private static void StorageBreakdown(Action<string> line, TargetReport target)
    {
        var fixedWork = target.Fixed?.Result.Storage;
        var startsWork = target.Starts?.Result.Storage;
        if (fixedWork is null && startsWork is null)
        {
            return;
        }

        line("");
        line($"Storage requests of {target.Kind} by table or container and operation, in the measured window of the fixed run with the median p99 " +
            $"({fixedWork?.MessagesAcknowledged ?? 0} messages acknowledged) and of the run of starts alone ({startsWork?.StartsFinished ?? 0} starts finished):");
        line("");
        line("| request | fixed run | per message | starts alone | per start |");
        line("|---|---|---|---|---|");
        var names = (fixedWork?.Requests.ByName.Keys ?? []).Union(startsWork?.Requests.ByName.Keys ?? []);
        foreach (var name in names)
        {
            var inFixed = fixedWork?.Requests.ByName.GetValueOrDefault(name) ?? 0;
            var inStarts = startsWork?.Requests.ByName.GetValueOrDefault(name) ?? 0;
            line($"| {name} | {inFixed} | {N(inFixed / (double)(fixedWork?.MessagesAcknowledged ?? 0), "F3")} | {inStarts} | {N(inStarts / (double)(startsWork?.StartsFinished ?? 0), "F2")} |");
        }
    }

    private static string N(double value, string format = "F1") =>
        double.IsNaN(value) || double.IsInfinity(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);
}
