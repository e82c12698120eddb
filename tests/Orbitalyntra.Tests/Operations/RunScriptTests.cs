using System.Diagnostics;
using Xunit.Abstractions;
using Orbitalyntra.Benchmarks.Targets;
using Orbitalyntra.Tests.Browser;

namespace Orbitalyntra.Tests.Operations;

/// <summary>
/// <c>scripts/run.sh</c> as a developer runs it in a terminal (issue 18): started in a session of its own, with every
/// port and its data folder moved out of the way, and stopped the way Ctrl-C stops it — SIGINT to its process group.
/// </summary>
[Collection(RunScriptCollection.Name)]
public sealed class RunScriptTests(ITestOutputHelper log)
{
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Ctrl_C_stops_azurite_maildev_the_silo_and_the_web_host_within_five_seconds_leaving_none()
    {
        var marker = Guid.NewGuid().ToString("N");
        var data = Path.Combine(Path.GetTempPath(), $"orbitalyntra-run-{marker}");
        var webUrl = $"http://127.0.0.1:{FreePort.Next()}";
        // setsid: a session and process group of its own, as a terminal gives its foreground job; env restores SIGINT's
        // default, which the test host's launcher may have set to ignored (a shell cannot trap a signal ignored at entry).
        var start = new ProcessStartInfo("setsid", ["env", "--default-signal=INT", "bash", Path.Combine(BrowserScenario.RepoRoot, "scripts", "run.sh")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["ORBITALYNTRA_RUN_MARKER"] = marker,
                ["ORBITALYNTRA_NO_BUILD"] = "1",
                ["ORBITALYNTRA_URL"] = webUrl,
                ["ORBITALYNTRA_DATA"] = data,
                ["ORBITALYNTRA_STORAGE_PORTS"] = $"{FreePort.Next()} {FreePort.Next()} {FreePort.Next()}",
                ["ORBITALYNTRA_MAIL_PORTS"] = $"{FreePort.Next()} {FreePort.Next()}",
                ["ORBITALYNTRA_SILO_PORTS"] = $"{FreePort.Next()} {FreePort.Next()} {FreePort.Next()}",
            },
        };
        using var script = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        script.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            output.Enqueue(line.Data);
            if (line.Data.StartsWith("Orbitalyntra is running", StringComparison.Ordinal)) running.TrySetResult();
        };
        script.ErrorDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        script.BeginOutputReadLine();
        script.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(running.Task, script.WaitForExitAsync()).WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(running.Task.IsCompleted, $"run.sh did not start:\n{string.Join('\n', output)}");
            using (var http = new HttpClient())
            {
                (await http.GetAsync($"{webUrl}/openapi/v1.json")).EnsureSuccessStatusCode();
            }

            var started = ProcessesMarked(marker);
            Assert.True(started.Count >= 5, $"Expected run.sh, Azurite, MailDev, the silo and the web host; found {Describe(started)}");

            var clock = Stopwatch.StartNew();
            using (var ctrlC = Process.Start("kill", ["-INT", "--", $"-{script.Id}"]))
            {
                await ctrlC.WaitForExitAsync();
            }

            while (ProcessesMarked(marker).Count > 0 && clock.Elapsed < StopDeadline)
            {
                await Task.Delay(50);
            }

            var left = ProcessesMarked(marker);
            Assert.True(left.Count == 0, $"{clock.Elapsed.TotalSeconds:0.0} s after Ctrl-C, still running: {Describe(left)}\n{string.Join('\n', output)}");
            log.WriteLine($"Every process run.sh started had stopped {clock.Elapsed.TotalSeconds:0.00} s after Ctrl-C.");
            await script.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        }
        finally
        {
            foreach (var pid in ProcessesMarked(marker))
            {
                try { Process.GetProcessById(pid).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
            }

            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Live processes that inherited the marker: everything run.sh started, in whatever session.</summary>
    private static List<int> ProcessesMarked(string marker)
    {
        var needle = $"ORBITALYNTRA_RUN_MARKER={marker}\0";
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
            try
            {
                // A zombie (exited, not yet reaped by whoever adopted it) has an empty environment: it is gone.
                if (File.ReadAllText(Path.Combine(directory, "environ")).Contains(needle, StringComparison.Ordinal)) found.Add(pid);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }

        return found;
    }

    private static string Describe(IEnumerable<int> pids) => string.Join(", ", pids.Select(pid =>
    {
        try { return $"{pid} {File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim()}"; }
        catch (IOException) { return pid.ToString(); }
    }));
}

/// <summary>Run alone, after the parallel collections: the stop deadline is the developer's, on a machine doing nothing else.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunScriptCollection
{
    public const string Name = "run script";
}
