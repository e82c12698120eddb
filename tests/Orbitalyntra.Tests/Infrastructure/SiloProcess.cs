using System.Collections.Concurrent;
using System.Diagnostics;
using Orbitalyntra.Benchmarks.Targets;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// The real silo executable (Silo/bin/…/Orbitalyntra.Silo.dll) in a process of its own, configured through environment
/// variables as an operator would, with membership timings short enough for a fault test.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private readonly string clusterId;
    private int disposed;
    private readonly IDictionary<string, string>? settings;

    private SiloProcess(Process process, string clusterId, IDictionary<string, string>? settings, int siloPort, int gatewayPort)
    {
        this.process = process;
        this.clusterId = clusterId;
        this.settings = settings;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>The last lines the silo wrote, for a failure message.</summary>
    public string RecentOutput => string.Join('\n', output);

    /// <summary>A silo of <paramref name="clusterId"/>, with <paramref name="settings"/> (environment names) added.</summary>
    public static SiloProcess Start(string clusterId, IDictionary<string, string>? settings = null) =>
        Start(clusterId, settings, FreePort.Next(), FreePort.Next());

    /// <summary>
    /// This silo started again on its own endpoint, as an operator or a platform restarts one: the cluster then knows at
    /// once that the old incarnation is dead, instead of waiting for its heartbeat to go stale.
    /// </summary>
    public SiloProcess Restart() => Start(clusterId, settings, SiloPort, GatewayPort);

    private static SiloProcess Start(string clusterId, IDictionary<string, string>? settings, int siloPort, int gatewayPort)
    {
        var start = new ProcessStartInfo("dotnet", [BuildOutput.Assembly("Silo", "Orbitalyntra.Silo.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["Storage__ConnectionString"] = TestStorage.ConnectionString,
                ["Privacy__MasterKey"] = TestStorage.MasterKey,
                ["Orleans__ClusterId"] = clusterId,
                ["Orleans__ServiceId"] = TestStorage.ServiceId,
                ["Orleans__SiloPort"] = siloPort.ToString(),
                ["Orleans__GatewayPort"] = gatewayPort.ToString(),
                ["Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
                ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
                ["Orleans__Membership__NumMissedProbesLimit"] = "2",
                ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
                ["Orleans__Messaging__ResponseTimeout"] = "00:00:05",
                ["Logging__LogLevel__Default"] = "Warning",
                ["Notifications__Smtp__Host"] = MailDev.SmtpHost,
                ["Notifications__Smtp__Port"] = MailDev.SmtpPort.ToString(),
            },
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var silo = new SiloProcess(Process.Start(start)!, clusterId, settings, siloPort, gatewayPort);
        silo.process.OutputDataReceived += (_, line) => silo.Record(line.Data);
        silo.process.ErrorDataReceived += (_, line) => silo.Record(line.Data);
        silo.process.BeginOutputReadLine();
        silo.process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>SIGKILL: the silo gets no chance to leave the cluster or flush anything.</summary>
    public void Kill() => process.Kill();

    /// <summary>
    /// SIGTERM, as a platform stops a replica (a rolling upgrade, a scale-in): the silo hands its activations over, leaves
    /// the cluster and exits; completes with its exit code.
    /// </summary>
    public async Task<int> Terminate(TimeSpan within)
    {
        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString()]))
        {
            await signal.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(within);
        return process.ExitCode;
    }

    /// <summary>Kills the silo if it still runs and waits until it is gone; more calls do nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 200 && output.TryDequeue(out _))
        {
        }
    }
}
