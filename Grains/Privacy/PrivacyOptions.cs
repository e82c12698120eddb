namespace Orbitalyntra.Privacy;

/// <summary>Configuration section <c>Privacy</c>.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>
    /// The local key material (32 bytes, base64) from which <see cref="LocalTenantKeyProvider"/> derives each tenant's
    /// key-wrapping key. A secret: it comes from configuration (an environment variable or a secret store), never
    /// from the repository. Losing it makes every stored message unreadable.
    /// </summary>
    public string? MasterKey { get; set; }

    /// <summary>How often an unfinished erasure is retried by its reminder.</summary>
    public TimeSpan ErasureRetryPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a tenant's open data-subject requests are checked against their deadlines.</summary>
    public TimeSpan DeadlineCheckPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Where people write about their data to the controller (the platform's data-protection contact): shown on
    /// <c>/privacy</c>, in "what do you hold about me" and in every export. Set it for a deployment.
    /// </summary>
    public string ControllerContact { get; set; } = "privacy@orbitalyntra.example";
}
