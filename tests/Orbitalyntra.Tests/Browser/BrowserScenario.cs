using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Browser;

/// <summary>
/// Runs one Node scenario of <c>tests/browser/</c> (playwright-core driving Debian's Chromium) against the real web host,
/// for a tenant the fixtures signed up; the scenario's exit code is the verdict and its output the explanation.
/// </summary>
public static class BrowserScenario
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    /// <summary>The repository's root: the folder above the test binaries that holds package.json.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Runs <paramref name="script"/> for <paramref name="tenant"/>; <paramref name="extra"/> adds environment variables the scenario reads.</summary>
    public static async Task Run(string script, WebHost web, TenantSession tenant, IReadOnlyDictionary<string, string>? extra = null)
    {
        // A missing browser is a failure, never a skip: scripts/test.sh installs both.
        Assert.True(File.Exists(ChromiumPath), $"Chromium is not installed at {ChromiumPath}: run scripts/test.sh, which installs Debian's chromium package.");
        Assert.True(Directory.Exists(Path.Combine(RepoRoot, "node_modules", "playwright-core")),
            "playwright-core is not installed: run scripts/test.sh (or npm ci) at the repository's root.");

        var start = new ProcessStartInfo("node", [Path.Combine(RepoRoot, "tests", "browser", script)])
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ORBITALYNTRA_URL"] = web.Address.ToString(),
                ["ORBITALYNTRA_TENANT"] = tenant.TenantId,
                ["ORBITALYNTRA_WIDGET_KEY"] = tenant.SignUp.WidgetKey,
                ["ORBITALYNTRA_AGENT_EMAIL"] = tenant.SignUp.Admin.Email,
                ["ORBITALYNTRA_AGENT_PASSWORD"] = TenantSession.AdminPassword,
                ["ORBITALYNTRA_OPERATOR_NAME"] = WebHost.OperatorName,
                ["ORBITALYNTRA_OPERATOR_PASSWORD"] = WebHost.OperatorPassword,
            },
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var node = Process.Start(start)!;
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            Assert.Fail($"{script} did not end within {Deadline.TotalSeconds} s.\n{await errors}");
        }

        Assert.True(node.ExitCode == 0, $"{script} failed (exit code {node.ExitCode}):\n{await errors}\n{await output}");
    }

    /// <summary>
    /// Runs <paramref name="script"/> for a new tenant whose administrator has just sent an "online" heartbeat, so that the
    /// widget offers the chat (with no agent online it offers a message form); the heartbeat lasts 90 seconds, longer
    /// than a scenario.
    /// </summary>
    public static async Task RunWithAgentOnline(string script, ChatCluster chat)
    {
        var tenant = await chat.NewTenant();
        await PutAdminOnline(tenant);
        await Run(script, chat.Web, tenant);
    }

    /// <summary>The tenant's administrator sends an "online" heartbeat: the widget then offers a chat, not the message form.</summary>
    public static async Task PutAdminOnline(TenantSession tenant)
    {
        using var admin = tenant.AsAdmin();
        var heartbeat = await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/presence", new { status = "online", capacity = 5 });
        Assert.Equal(HttpStatusCode.OK, heartbeat.StatusCode);
    }

    private static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "package.json")) && Directory.Exists(Path.Combine(folder.FullName, "tests", "browser")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No repository root (package.json, tests/browser/) above {AppContext.BaseDirectory}.");
    }
}
