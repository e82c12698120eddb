namespace Orbitalyntra.Hosting;

/// <summary>
/// The cluster a silo joins and a web host connects to (configuration section <c>Orleans</c>); the silo's endpoints.
/// The defaults run one silo and one web host on this machine.
/// </summary>
public sealed class ClusterSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Orleans";

    /// <summary>The cluster (one deployment): silos and clients of one cluster id find each other.</summary>
    public string ClusterId { get; set; } = "orbitalyntra-local";

    /// <summary>The service: what outlives deployments (stored state and reminders are keyed by it).</summary>
    public string ServiceId { get; set; } = "orbitalyntra";

    /// <summary>The port silos talk to each other on.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients (web hosts) connect to.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address a silo gives the others to reach it; empty for the host's own (a container replica's).</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every address of the host, not only the advertised one (containers).</summary>
    public bool ListenOnAnyHostAddress { get; set; }
}
