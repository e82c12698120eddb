using Orbitalyntra.Benchmarks.Ceiling;
using Orbitalyntra.Benchmarks.Load;
using Orbitalyntra.Benchmarks.Storage;
using Orbitalyntra.Benchmarks.Suite;
using Orbitalyntra.Benchmarks.Targets;

// Verbs: suite [--storage CONNECTION] [--azurite-pid PID] [--out DIR] [--quick] | smoke [--storage CONNECTION] | ceiling-host --url URL
//        storage-proxy --storage CONNECTION --ports BLOB,QUEUE,TABLE,CONTROL
//        probe-activations [--count N] | probe-connections [--target memory|ceiling] [--count N]
//        faq-relevance | faq-search
//        load [--target ceiling|memory|azurite] [--conversations N] [--rate R] [--new-conversations R] [--warmup S] [--duration S] [--repeat N] [--webhooks N [--settle-webhooks]] [--storage CONNECTION]
var verb = args.FirstOrDefault() ?? "suite";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

switch (verb)
{
    case "ceiling-host":
        await CeilingRelay.Build(Option("--url") ?? "http://127.0.0.1:5090").RunAsync();
        return 0;

    case "storage-proxy":
        await CountingStorageProxy.Build(StorageEndpoints.Parse(Option("--storage")!), ProxyPorts.Parse(Option("--ports")!)).RunAsync();
        return 0;

    case "smoke":
        var exact = true;
        foreach (var kind in Option("--storage") is null ? [TargetKind.Ceiling, TargetKind.Memory] : new[] { TargetKind.Ceiling, TargetKind.Memory, TargetKind.Azurite })
        {
            await using var servers = await ServerProcesses.Start(kind, Option("--storage"));
            var result = await new LoadGenerator(servers.Target, servers.StorageRequests).Run(new LoadOptions(5, 20, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), NewConversationsPerSecond: 2));
            Console.WriteLine($"{kind}: {result}; \"{ServerProcesses.StreamNeverBrought}\" warnings {servers.StreamNeverBroughtWarnings}");
            exact &= result.Exact && result.FailedSends == 0 && result.FailedStarts == 0;
        }

        return exact ? 0 : 1;

    case "load":
        {
            // Runs against one fresh target, e.g. to profile its processes (their ids are printed first), or --repeat N
            // times in a row against the same processes, as the suite's fixed runs do.
            var kind = Enum.Parse<TargetKind>(Option("--target") ?? "Memory", ignoreCase: true);
            await using var servers = await ServerProcesses.Start(kind, Option("--storage"));
            Console.WriteLine(string.Join(", ", servers.Usage().Keys.Select(name => $"{name} pid {servers.ProcessId(name)}")));
            var allExact = true;
            for (var run = int.Parse(Option("--repeat") ?? "1"); run > 0; run--)
            {
                var warnings = servers.StreamNeverBroughtWarnings;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var result = await new LoadGenerator(servers.Target, servers.StorageRequests).Run(new LoadOptions(
                    int.Parse(Option("--conversations") ?? "1000"),
                    double.Parse(Option("--rate") ?? "1000"),
                    TimeSpan.FromSeconds(double.Parse(Option("--warmup") ?? "2")),
                    TimeSpan.FromSeconds(double.Parse(Option("--duration") ?? "10")),
                    double.Parse(Option("--new-conversations") ?? "0"),
                    int.Parse(Option("--webhooks") ?? "0"),
                    args.Contains("--settle-webhooks")));
                Console.WriteLine($"{result}; \"{ServerProcesses.StreamNeverBrought}\" warnings {servers.StreamNeverBroughtWarnings - warnings}; {clock.Elapsed.TotalSeconds:F0} s with set-up and drain");
                foreach (var (name, count) in result.Storage?.Requests.ByName ?? RequestTally.None.ByName)
                {
                    Console.WriteLine($"  {count,8} {name}");
                }

                allExact &= result.Exact;
            }

            return allExact ? 0 : 1;
        }

    case "faq-relevance" or "faq-search":
        return await Orbitalyntra.Benchmarks.Faq.FaqBenchmark.Run(verb);

    case "probe-activations":
        Console.WriteLine(await Orbitalyntra.Benchmarks.Probes.ActivationProbe.BytesPerActivation(int.Parse(Option("--count") ?? "100000")));
        return 0;

    case "probe-connections":
        var target = Enum.Parse<TargetKind>(Option("--target") ?? "Memory", ignoreCase: true);
        await using (var servers = await ServerProcesses.Start(target, Option("--storage")))
        {
            var process = target == TargetKind.Ceiling ? "relay" : "web";
            Console.WriteLine(await Orbitalyntra.Benchmarks.Probes.ConnectionProbe.BytesPerConnection(servers, process, int.Parse(Option("--count") ?? "10000"), conversations: 1_000));
        }

        return 0;

    case "suite":
        var azuritePid = Option("--azurite-pid") is { } pid ? int.Parse(pid) : (int?)null;
        var suite = new BenchmarkSuite(Option("--storage"), azuritePid, Option("--out") ?? Path.Combine("artifacts", "benchmarks"), args.Contains("--quick"));
        return await suite.Run() ? 0 : 1;

    default:
        Console.Error.WriteLine($"Unknown verb '{verb}'. Use suite, smoke or ceiling-host.");
        return 2;
}
