using System.Diagnostics;
using Orbitalyntra.Benchmarks.Storage;

namespace Orbitalyntra.Benchmarks.Targets;

/// <summary>What a benchmark runs against.</summary>
public enum TargetKind
{
    /// <summary>The bare SignalR relay (<see cref="Ceiling.CeilingRelay"/>): the web stack alone.</summary>
    Ceiling,

    /// <summary>Silo and web host with <c>Storage:Mode=Memory</c>: Orleans without durability.</summary>
    Memory,

    /// <summary>Silo and web host on Azurite: the durable system.</summary>
    Azurite,
}

/// <summary>
/// The server processes of one target, started from the build output, each in a process of its own so that its CPU
/// time and peak memory are its own.
/// </summary>
public sealed class ServerProcesses : IAsyncDisposable
{
    /// <summary>Where each server process's console output goes, one file per process.</summary>
    public static string LogDirectory { get; set; } = Path.Combine("artifacts", "benchmarks", "logs");

    /// <summary>What the web host logs when the relay's audit had to send messages the stream did not bring (docs/decisions/0018).</summary>
    public const string StreamNeverBrought = "the stream never brought";

    /// <summary>
    /// One master key for every start, so that servers started again on the same Azurite (the cold-open probe, a second
    /// `load`) can still open the tenant keys that earlier ones wrapped, the seeded demo tenant's among them.
    /// </summary>
    private static readonly string BenchmarkMasterKey =
        Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("Orbitalyntra benchmark master key"u8));

    private readonly Dictionary<string, Process> processes = [];
    private readonly Dictionary<string, Process> observed = [];
    private readonly Dictionary<string, string> environment;
    private long streamNeverBroughtWarnings;
    private long warnings;

    private ServerProcesses(TargetKind kind, Uri target, Dictionary<string, string> environment)
    {
        Kind = kind;
        Target = target;
        this.environment = environment;
    }

    public TargetKind Kind { get; }

    public Uri Target { get; }

    /// <summary>The storage requests the servers made so far, counted by the proxy between them and Azurite; null for other targets.</summary>
    public StorageRequestCounter? StorageRequests { get; private set; }

    /// <summary>The web host's "stream never brought" warnings so far.</summary>
    public long StreamNeverBroughtWarnings => Interlocked.Read(ref streamNeverBroughtWarnings);

    /// <summary>Warnings and errors the servers logged so far, of any kind.</summary>
    public long Warnings => Interlocked.Read(ref warnings);

    public static async Task<ServerProcesses> Start(TargetKind kind, string? storageConnectionString)
    {
        var webPort = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Orleans__ClusterId"] = $"bench-{Guid.NewGuid():N}",
            ["Orleans__ServiceId"] = "orbitalyntra-bench",
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(),
            ["Orleans__SiloPort"] = FreePort.Next().ToString(),
            ["Auth__SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Auth__PublicRequestsPerMinute"] = "1000000",
            ["Privacy__MasterKey"] = BenchmarkMasterKey,

            // The webhook variant's receiver runs on loopback, in the generator's process.
            ["Integrations__Webhooks__AllowLoopback"] = "true",
        };

        // What is measured is the chat path, not the visitors' limits (decision 0043): a generator's visitors start 20
        // conversations a second through one widget key and write a message every two seconds each.
        foreach (var quota in new[]
        {
            "ConversationsPerVisitorPerHour", "OpenConversationsPerVisitor", "VisitorMessagesPerMinute", "VisitorFilesPerHour",
            "VisitorFileMegabytesPerHour", "VisitorConversationsPerMinute", "VisitorTokensPerMinute",
        })
        {
            environment[$"Quotas__Maxima__{quota}"] = "1000000";
            environment[$"Quotas__Defaults__{quota}"] = "1000000";
        }
        if (kind == TargetKind.Memory)
        {
            environment["Storage__Mode"] = "Memory";
        }

        var servers = new ServerProcesses(kind, new Uri($"http://127.0.0.1:{webPort}/"), environment);
        try
        {
            await servers.Launch(storageConnectionString);
            await servers.WaitUntilServing();
            return servers;
        }
        catch
        {
            // Servers that did start must not outlive a start that failed.
            await servers.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the silo and starts a new one in the same cluster: every activation is gone, the data stays.</summary>
    public async Task RestartSilo()
    {
        var silo = processes["silo"];
        silo.Kill();
        await silo.WaitForExitAsync();
        processes.Remove("silo");
        Launch("silo", BuildOutput.Assembly("Silo", "Orbitalyntra.Silo.dll"));
    }

    public IReadOnlyDictionary<string, ProcessUsage> Usage()
    {
        return processes.Concat(observed).ToDictionary(p => p.Key, p =>
        {
            p.Value.Refresh();
            return new ProcessUsage(p.Value.TotalProcessorTime.TotalSeconds, p.Value.PeakWorkingSet64, ResidentBytes(p.Value.Id));
        });
    }

    public async ValueTask DisposeAsync()
    {
        StorageRequests?.Dispose();
        foreach (var process in processes.Values.Reverse())
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }
    }

    /// <summary>Current resident set of a process (VmRSS), native buffers included.</summary>
    public static long ResidentBytes(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    public int ProcessId(string name) => processes[name].Id;

    /// <summary>Counts a process this target uses but did not start (Azurite) in its CPU and memory figures.</summary>
    public void Observe(string name, int processId) => observed[name] = Process.GetProcessById(processId);

    private void Launch(string name, string assembly, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        // Servers log warnings and errors only (Logging__LogLevel__Default); keep them for whoever reads a failed run.
        Directory.CreateDirectory(LogDirectory);
        var log = TextWriter.Synchronized(new StreamWriter(Path.Combine(LogDirectory, $"{Kind.ToString().ToLowerInvariant()}-{name}-{process.Id}.log")) { AutoFlush = true });
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                log.WriteLine(line.Data);
                CountWarning(name, line.Data);
            }
        };
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine($"[{name}] {line.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes[name] = process;
    }

    private async Task Launch(string? storageConnectionString)
    {
        if (Kind == TargetKind.Azurite)
        {
            var storage = StorageEndpoints.Parse(storageConnectionString
                ?? throw new InvalidOperationException("The Azurite target needs a storage connection string."));
            environment["Storage__ConnectionString"] = (await StartStorageProxy(storage)).ConnectionString;
        }

        if (Kind == TargetKind.Ceiling)
        {
            Launch("relay", BuildOutput.Self, "ceiling-host", "--url", $"http://127.0.0.1:{Target.Port}");
        }
        else
        {
            Launch("silo", BuildOutput.Assembly("Silo", "Orbitalyntra.Silo.dll"));
            Launch("web", BuildOutput.Assembly("Client.Web", "Orbitalyntra.Client.Web.dll"), "--urls", $"http://127.0.0.1:{Target.Port}");
        }
    }

    /// <summary>
    /// Starts the counting proxy (<see cref="CountingStorageProxy"/>) in a process of its own, so that the generator's
    /// pauses do not hold up storage requests and its CPU shows apart; answers the storage as reached through it.
    /// </summary>
    private async Task<StorageEndpoints> StartStorageProxy(StorageEndpoints storage)
    {
        var ports = ProxyPorts.Free();
        Launch("proxy", BuildOutput.Self, "storage-proxy", "--storage", storage.ConnectionString, "--ports", ports.ToString());
        StorageRequests = new StorageRequestCounter(ports.Control);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await StorageRequests.Read();
                return storage.Through(ports);
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !processes["proxy"].HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    // The console logger writes "warn: Category[id]" or "fail: ..." and then the message on the next line.
    private void CountWarning(string process, string line)
    {
        if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref warnings);
        }

        if (process == "web" && line.Contains(StreamNeverBrought, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref streamNeverBroughtWarnings);
        }
    }

    /// <summary>Waits until the target signs a tenant up (so the cluster behind it is up too).</summary>
    public async Task WaitUntilServing()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                await Load.BenchTenant.SignUp(Target);
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && processes.Values.All(p => !p.HasExited))
            {
                await Task.Delay(250);
            }
        }
    }

}

/// <summary>A server process's CPU time so far (seconds), its peak and current resident memory (bytes).</summary>
public sealed record ProcessUsage(double CpuSeconds, long PeakResidentBytes, long ResidentBytes);

/// <summary>Where the build put the executables, in this tool's own configuration (Debug or Release).</summary>
public static class BuildOutput
{
    private static readonly DirectoryInfo Own = new(AppContext.BaseDirectory);

    public static string Self => Path.Combine(Own.FullName, "Orbitalyntra.Benchmarks.dll");

    public static string Assembly(string project, string file) =>
        Path.Combine(Root, project, "bin", Own.Parent!.Name, Own.Name, file);

    private static string Root
    {
        get
        {
            for (var directory = Own; directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Orbitalyntra.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No Orbitalyntra.sln above {Own.FullName}.");
        }
    }
}
