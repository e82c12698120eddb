using System.Diagnostics;
using System.Text.Json;
using Orbitalyntra.Benchmarks.Load;
using Orbitalyntra.Benchmarks.Probes;
using Orbitalyntra.Benchmarks.Targets;

namespace Orbitalyntra.Benchmarks.Suite;

/// <summary>
/// The standard suite: for the ceiling, memory and Azurite targets, the highest sustained delivery rate with p99 under
/// 100 ms and the latencies at 1,000 messages/s, both over 1,000 conversations with new ones starting meanwhile, and a
/// window of starts alone (what a start costs at the storage); then the memory probes and the cold open.
/// Writes results.json and results.md; fails when any run lost or duplicated a message.
/// </summary>
public sealed class BenchmarkSuite(string? azuriteConnectionString, int? azuriteProcessId, string outputDirectory, bool quick)
{
    private const double LatencyBudgetMilliseconds = 100;

    private const double MinimumRate = 25;

    /// <summary>
    /// How many messages of the turns the load offers per new conversation it starts: a support chat of about 50
    /// messages, so 20 new conversations per second (with their 40 first messages) at 1,000 messages per second.
    /// </summary>
    private const double MessagesPerNewConversation = 50;

    private static readonly double[] RateSteps = [250, 500, 1000, 2000, 3000, 4000, 6000, 8000, 12000, 16000, 24000, 32000];

    /// <summary>The fixed-rate run is repeated and its median p99 reported: one run on a shared 2-core machine is noisy.</summary>
    private const int FixedRepeats = 3;

    public async Task<bool> Run()
    {
        var report = new SuiteReport(Environment.MachineName, Environment.ProcessorCount, RuntimeInformationText(), DateTimeOffset.UtcNow, quick);
        var kinds = azuriteConnectionString is null ? [TargetKind.Ceiling, TargetKind.Memory] : new[] { TargetKind.Ceiling, TargetKind.Memory, TargetKind.Azurite };
        foreach (var kind in kinds)
        {
            report.Targets.Add(await MeasureTarget(kind));
        }

        // Each probe runs in a fresh process of this tool, so that what earlier runs left on the heap cannot blur it.
        var activations = quick ? 10_000 : 100_000;
        Log($"probe: {activations} idle conversation activations");
        report.BytesPerIdleActivation = await ChildProbe("probe-activations", "--count", activations.ToString());

        var connections = quick ? 1_000 : 10_000;
        foreach (var kind in new[] { TargetKind.Memory, TargetKind.Ceiling })
        {
            Log($"probe: {connections} idle connections on {kind}");
            report.BytesPerIdleConnection[kind.ToString()] = await ChildProbe("probe-connections", "--target", kind.ToString(), "--count", connections.ToString());
        }

        if (azuriteConnectionString is not null)
        {
            foreach (var concurrency in new[] { 1, 16, 64 })
            {
                Log($"probe: Azurite alone, message-shaped transactions, concurrency {concurrency}");
                report.Storage.Add(await StorageProbe.Measure(azuriteConnectionString, concurrency, TimeSpan.FromSeconds(quick ? 3 : 8)));
            }

            Log("probe: cold open of a 1,000-message conversation on Azurite");
            await using var servers = await ServerProcesses.Start(TargetKind.Azurite, azuriteConnectionString);
            report.ColdOpen = await ColdOpenProbe.Measure(servers, 1_000);
        }

        Directory.CreateDirectory(outputDirectory);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "results.json"), JsonSerializer.Serialize(report, ReportJson));
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "results.md"), SuiteMarkdown.Render(report));
        Console.WriteLine(SuiteMarkdown.Render(report));
        // Sends that time out under overload were never acknowledged: they are reported, not failures. Loss and
        // duplication of acknowledged messages are.
        return report.Targets.All(t => t.Runs.All(r => r.Result.Exact));
    }

    private static async Task<double> ChildProbe(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(BuildOutput.Self);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var probe = Process.Start(start)!;
        var output = await probe.StandardOutput.ReadToEndAsync();
        await probe.WaitForExitAsync();
        if (probe.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', arguments)} failed with exit code {probe.ExitCode}.");
        }

        return double.Parse(output.Trim().Split('\n')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<TargetReport> MeasureTarget(TargetKind kind)
    {
        await using var servers = await ServerProcesses.Start(kind, azuriteConnectionString);
        if (kind == TargetKind.Azurite && azuriteProcessId is { } azurite)
        {
            servers.Observe("azurite", azurite);
        }

        var generator = new LoadGenerator(servers.Target, servers.StorageRequests);
        var target = new TargetReport(kind.ToString());
        var (warmup, duration) = quick ? (TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)) : (TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8));
        // Up the steps until one does not hold; when even the first does not, halve down to find what does.
        var rates = new Queue<double>(RateSteps);
        var climbing = true;
        while (rates.TryDequeue(out var rate))
        {
            var run = await Measured(servers, generator, Options(rate, warmup, duration), "throughput");
            target.Runs.Add(run);
            var result = run.Result;
            var sustained = result.Exact && result.FailedStarts == 0 && result.Latency.P99 < LatencyBudgetMilliseconds && result.DeliveredPerSecond >= 0.9 * result.Options.OfferedPerSecond;
            if (sustained)
            {
                target.SustainedMessagesPerSecond = Math.Max(target.SustainedMessagesPerSecond, run.Result.DeliveredPerSecond);
                if (!climbing)
                {
                    break;
                }

                continue;
            }

            if (!climbing)
            {
                continue;
            }

            if (target.SustainedMessagesPerSecond > 0 || rate / 2 < MinimumRate)
            {
                break;
            }

            climbing = false;
            rates = new Queue<double>(Enumerable.Range(1, 4).Select(i => rate / Math.Pow(2, i)).Where(r => r >= MinimumRate));
        }

        var fixedRuns = new List<RunReport>();
        for (var repeat = 0; repeat < FixedRepeats; repeat++)
        {
            fixedRuns.Add(await Measured(servers, generator, Options(FixedRate, warmup, duration), "fixed"));
        }

        target.Runs.AddRange(fixedRuns);
        target.Fixed = fixedRuns.OrderBy(r => r.Result.Latency.P99).ElementAt(FixedRepeats / 2);

        // No steady conversations and no turns: whatever the storage does in this window, the starts and their first
        // messages asked for.
        target.Starts = await Measured(servers, generator, new LoadOptions(0, 0, warmup, duration, FixedRate / MessagesPerNewConversation), "starts");
        target.Runs.Add(target.Starts);
        target.Processes = servers.Usage();
        return target;
    }

    /// <summary>
    /// A run of the suite: 1,000 steady conversations (200 in a quick run) and, on top of them, one new conversation per
    /// <see cref="MessagesPerNewConversation"/> messages of the turns.
    /// </summary>
    private LoadOptions Options(double rate, TimeSpan warmup, TimeSpan duration) =>
        new(quick ? 200 : 1_000, rate, warmup, duration, rate / MessagesPerNewConversation);

    private double FixedRate => quick ? 200 : 1_000;

    private static async Task<RunReport> Measured(ServerProcesses servers, LoadGenerator generator, LoadOptions options, string purpose)
    {
        Log($"{servers.Kind}: {purpose} run, {options.Conversations} conversations at {options.MessagesPerSecond} messages/s, {options.NewConversationsPerSecond} new conversations/s");
        var before = servers.Usage();
        var (neverBrought, warnings) = (servers.StreamNeverBroughtWarnings, servers.Warnings);
        var clock = Stopwatch.StartNew();
        var result = await generator.Run(options);
        var seconds = clock.Elapsed.TotalSeconds;
        var after = servers.Usage();
        var cores = after.ToDictionary(p => p.Key, p => (p.Value.CpuSeconds - before[p.Key].CpuSeconds) / seconds);
        var run = new RunReport(purpose, result, cores, servers.StreamNeverBroughtWarnings - neverBrought, servers.Warnings - warnings, seconds);
        Log($"  {result}; \"{ServerProcesses.StreamNeverBrought}\" warnings {run.StreamNeverBroughtWarnings}, warnings and errors in all {run.ServerWarnings}; {seconds:F0} s");
        if (!result.Exact)
        {
            Console.Error.WriteLine($"FAILED: {servers.Kind} lost {result.Lost} and duplicated {result.Duplicated} messages.");
        }

        return run;
    }

    private static string RuntimeInformationText() =>
        $"{System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription} on {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";

    private static void Log(string line) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

    // Percentiles of an empty sample and ratios without a denominator are NaN.
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}

public sealed record SuiteReport(string Machine, int Cores, string Runtime, DateTimeOffset StartedAt, bool Quick)
{
    public List<TargetReport> Targets { get; } = [];

    public double BytesPerIdleActivation { get; set; }

    public Dictionary<string, double> BytesPerIdleConnection { get; } = [];

    public ColdOpenProbe.Result? ColdOpen { get; set; }

    public List<StorageProbe.Result> Storage { get; } = [];
}

public sealed record TargetReport(string Kind)
{
    public List<RunReport> Runs { get; } = [];

    public double SustainedMessagesPerSecond { get; set; }

    public RunReport? Fixed { get; set; }

    /// <summary>The window of conversation starts alone.</summary>
    public RunReport? Starts { get; set; }

    public IReadOnlyDictionary<string, ProcessUsage> Processes { get; set; } = new Dictionary<string, ProcessUsage>();
}

/// <summary>
/// One load run, the CPU its server processes used during it, in cores (CPU seconds per second), the warnings they
/// logged meanwhile ("stream never brought" apart, docs/decisions/0018), and how long it took, set-up and drain included.
/// </summary>
public sealed record RunReport(string Purpose, LoadResult Result, IReadOnlyDictionary<string, double> ServerCores, long StreamNeverBroughtWarnings, long ServerWarnings, double Seconds);
