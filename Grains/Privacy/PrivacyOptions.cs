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

    /// <summary>
    /// Who processes data on the platform's behalf (GDPR art. 28(2)), shown to administrators in the records of processing;
    /// the built-in list (<see cref="DefaultSubProcessors"/>) when configuration names none.
    /// </summary>
    public List<SubProcessor> SubProcessors { get; set; } = [];

    /// <summary>The hosting and the mail relay of the deployment described in docs/deploy.md.</summary>
    public static readonly IReadOnlyList<SubProcessor> DefaultSubProcessors =
    [
        new("Microsoft Azure (Microsoft Ireland Operations Ltd)", "hosting: Container Apps, Storage, Key Vault, Monitor", "European Union (the deployment's region)", "everything the platform holds, encrypted at rest"),
        new("E-mail relay (the SMTP service configured in Notifications:Smtp)", "sending mail", "as configured", "recipients' addresses and the mail's text, while it is sent"),
    ];

    /// <summary>The configured sub-processors, or the built-in list.</summary>
    public IReadOnlyList<SubProcessor> SubProcessorsOrDefaults() => SubProcessors.Count > 0 ? SubProcessors : DefaultSubProcessors;
}
