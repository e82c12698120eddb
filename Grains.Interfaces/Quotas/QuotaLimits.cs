namespace Orbitalyntra.Quotas;

/// <summary>
/// How much a tenant's website visitors may do, counted where the state lives (docs/decisions/0043): each limit is a
/// token bucket that holds its number and fills again over its period, so a person chatting never meets it and a flood
/// is refused after it. The initial values are the platform's defaults; the silo's <c>Quotas</c> section may change the
/// defaults and sets the maxima an administrator may choose up to.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.quotas.quota-limits")]
public sealed record QuotaLimits
{
    /// <summary>Conversations one visitor may start in an hour (the visitor's session grain counts them).</summary>
    [Id(0)] public int ConversationsPerVisitorPerHour { get; init; } = 20;

    /// <summary>Conversations of one visitor that may be open (not resolved) at once.</summary>
    [Id(1)] public int OpenConversationsPerVisitor { get; init; } = 5;

    /// <summary>Messages a conversation's visitor may post in it in a minute (the conversation grain counts them).</summary>
    [Id(2)] public int VisitorMessagesPerMinute { get; init; } = 30;

    /// <summary>Files a conversation's visitor may send in it in an hour.</summary>
    [Id(3)] public int VisitorFilesPerHour { get; init; } = 20;

    /// <summary>Megabytes (MiB) of files a conversation's visitor may send in it in an hour; at least one largest file.</summary>
    [Id(4)] public int VisitorFileMegabytesPerHour { get; init; } = 100;

    /// <summary>Conversations all the tenant's visitors together may start in a minute (the tenant grain counts them).</summary>
    [Id(5)] public int VisitorConversationsPerMinute { get; init; } = 300;

    /// <summary>Visitor tokens the tenant's widget key may be exchanged for in a minute (renewals are not counted).</summary>
    [Id(6)] public int VisitorTokensPerMinute { get; init; } = 600;

    /// <summary>The platform's defaults.</summary>
    public static readonly QuotaLimits Default = new();

    /// <summary>The platform's maxima unless configured otherwise.</summary>
    public static readonly QuotaLimits DefaultMaxima = new()
    {
        ConversationsPerVisitorPerHour = 1_000,
        OpenConversationsPerVisitor = 100,
        VisitorMessagesPerMinute = 600,
        VisitorFilesPerHour = 1_000,
        VisitorFileMegabytesPerHour = 10_000,
        VisitorConversationsPerMinute = 60_000,
        VisitorTokensPerMinute = 60_000,
    };

    /// <summary>Each limit by its name in the API, with its value.</summary>
    public IEnumerable<(string Name, int Value)> Named() =>
    [
        ("conversationsPerVisitorPerHour", ConversationsPerVisitorPerHour),
        ("openConversationsPerVisitor", OpenConversationsPerVisitor),
        ("visitorMessagesPerMinute", VisitorMessagesPerMinute),
        ("visitorFilesPerHour", VisitorFilesPerHour),
        ("visitorFileMegabytesPerHour", VisitorFileMegabytesPerHour),
        ("visitorConversationsPerMinute", VisitorConversationsPerMinute),
        ("visitorTokensPerMinute", VisitorTokensPerMinute),
    ];

    /// <summary>What breaks the rules, by field: every limit at least its least useful value and at most the platform's maximum.</summary>
    public Dictionary<string, string[]> Problems(QuotaLimits maxima)
    {
        var problems = new Dictionary<string, string[]>();
        foreach (var ((name, value), (_, maximum)) in Named().Zip(maxima.Named()))
        {
            var least = name == "visitorFileMegabytesPerHour" ? LeastFileMegabytes : 1;
            if (value < least || value > maximum)
            {
                problems[name] = [$"{name} must be between {least} and {maximum}."];
            }
        }

        return problems;
    }

    /// <summary>One file of the largest size must fit in the hour's file bytes.</summary>
    private const int LeastFileMegabytes = Chat.FileRules.MaxFileBytes / (1024 * 1024);
}

/// <summary>A tenant's limits as its administrators see them: those in force, the platform's defaults and maxima.</summary>
/// <param name="InForce">What is counted now: the tenant's own choice, or the defaults.</param>
/// <param name="Custom">Whether the tenant chose its own limits.</param>
/// <param name="Defaults">The platform's defaults, in force while the tenant chose none.</param>
/// <param name="Maxima">The most the tenant may allow.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.quotas.tenant-quotas")]
public sealed record TenantQuotas(
    [property: Id(0)] QuotaLimits InForce,
    [property: Id(1)] bool Custom,
    [property: Id(2)] QuotaLimits Defaults,
    [property: Id(3)] QuotaLimits Maxima);
