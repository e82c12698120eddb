using System.Globalization;

namespace Orbitalyntra.Quotas;

/// <summary>Which limit of <see cref="QuotaLimits"/> a request met.</summary>
public enum QuotaKind
{
    /// <summary><see cref="QuotaLimits.ConversationsPerVisitorPerHour"/>.</summary>
    VisitorConversations = 1,

    /// <summary><see cref="QuotaLimits.OpenConversationsPerVisitor"/>.</summary>
    OpenConversations = 2,

    /// <summary><see cref="QuotaLimits.VisitorMessagesPerMinute"/>.</summary>
    VisitorMessages = 3,

    /// <summary><see cref="QuotaLimits.VisitorFilesPerHour"/>.</summary>
    VisitorFiles = 4,

    /// <summary><see cref="QuotaLimits.VisitorFileMegabytesPerHour"/>.</summary>
    VisitorFileBytes = 5,

    /// <summary><see cref="QuotaLimits.VisitorConversationsPerMinute"/>.</summary>
    TenantConversations = 6,

    /// <summary><see cref="QuotaLimits.VisitorTokensPerMinute"/>.</summary>
    VisitorTokens = 7,
}

/// <summary>A request refused because it would go over a limit: nothing was stored; the same request may succeed after <see cref="RetryAfter"/>.</summary>
/// <param name="Kind">Which limit.</param>
/// <param name="RetryAfter">How long until the bucket holds enough again.</param>
/// <param name="Limit">The limit in force, in its own unit (per hour, per minute, at once, megabytes).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.quotas.quota-refusal")]
public sealed record QuotaRefusal([property: Id(0)] QuotaKind Kind, [property: Id(1)] int Limit, [property: Id(2)] TimeSpan RetryAfter)
{
    /// <summary>How long a visitor at their open conversations' limit is told to wait: until an agent resolves one, which no clock says.</summary>
    public static readonly TimeSpan OpenConversationsRetry = TimeSpan.FromMinutes(1);

    /// <summary>What the caller is told: which limit, and when to try again.</summary>
    public string Detail => string.Create(CultureInfo.InvariantCulture, $"{What} Retry in {Math.Ceiling(RetryAfter.TotalSeconds)} s.");

    private string What => Kind switch
    {
        QuotaKind.VisitorConversations => $"Too many conversations started: at most {Limit} an hour per visitor.",
        QuotaKind.OpenConversations => $"Too many open conversations: at most {Limit} at once per visitor; one must be resolved first.",
        QuotaKind.VisitorMessages => $"Too many messages: at most {Limit} a minute in a conversation.",
        QuotaKind.VisitorFiles => $"Too many files: at most {Limit} an hour in a conversation.",
        QuotaKind.VisitorFileBytes => $"Too many file bytes: at most {Limit} MiB an hour in a conversation.",
        QuotaKind.TenantConversations => $"Too many conversations started on this website: at most {Limit} a minute.",
        QuotaKind.VisitorTokens => $"Too many new visitors on this widget key: at most {Limit} a minute.",
        _ => "Too many requests.",
    };
}
