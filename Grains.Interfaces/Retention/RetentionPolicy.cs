namespace Orbitalyntra.Retention;

/// <summary>
/// How many days each kind of a tenant's data lives; what outlives its lifetime is purged automatically (within a day
/// of expiry: purges run hourly over day-sized buckets). docs/retention.md explains every kind and its default.
/// </summary>
/// <param name="ConversationDays">Conversations (messages, notes, files) after their last activity.</param>
/// <param name="VisitorSessionDays">Visitor sessions after their last page view.</param>
/// <param name="PageViewDays">Raw page views inside a session, after they were viewed; the daily aggregates stay.</param>
/// <param name="DeviceDataDays">The truncated IP address and device families of a session, after its last page view.</param>
/// <param name="AnalyticsDays">Daily aggregated analytics (no personal data), after their day.</param>
/// <param name="AuditDays">The audit trail and closed data-subject requests, after they were written or closed: the longest.</param>
/// <param name="FaqQuestionDays">
/// Visitors' questions the FAQ assistant had no good answer for, kept with their faqImprovement consent, after the day
/// they were asked. 0 (a policy stored before it existed) reads as the default.
/// </param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.retention.policy")]
public sealed record RetentionPolicy(
    [property: Id(0)] int ConversationDays,
    [property: Id(1)] int VisitorSessionDays,
    [property: Id(2)] int PageViewDays,
    [property: Id(3)] int DeviceDataDays,
    [property: Id(4)] int AnalyticsDays,
    [property: Id(5)] int AuditDays,
    [property: Id(6)] int FaqQuestionDays = RetentionPolicy.DefaultFaqQuestionDays)
{
    /// <summary>Three months of unanswered questions: enough to write the articles they ask for.</summary>
    public const int DefaultFaqQuestionDays = 90;

    /// <summary>
    /// A year of conversations, six months of sessions, three of raw page views, one of addresses and devices, 25
    /// months of aggregates (a year-on-year comparison) and six years of audit trail (limitation periods for claims).
    /// </summary>
    public static readonly RetentionPolicy Default = new(365, 180, 90, 30, 760, 2190);

    /// <summary>The lifetime of <paramref name="kind"/>.</summary>
    public TimeSpan LifetimeOf(RetentionKind kind) => TimeSpan.FromDays(kind switch
    {
        RetentionKind.Conversation => ConversationDays,
        RetentionKind.VisitorSession => VisitorSessionDays,
        RetentionKind.PageViews => PageViewDays,
        RetentionKind.DeviceData => DeviceDataDays,
        RetentionKind.Analytics => AnalyticsDays,
        RetentionKind.FaqQuestions => FaqQuestionDays > 0 ? FaqQuestionDays : DefaultFaqQuestionDays,
        _ => AuditDays,
    });
}

/// <summary>The kinds of data a retention policy sets a lifetime for.</summary>
public enum RetentionKind
{
    /// <summary>A conversation with its messages, notes and files.</summary>
    Conversation = 1,

    /// <summary>A visitor session as a whole.</summary>
    VisitorSession = 2,

    /// <summary>Raw page views inside visitor sessions.</summary>
    PageViews = 3,

    /// <summary>Truncated IP addresses and device families inside visitor sessions.</summary>
    DeviceData = 4,

    /// <summary>A day of aggregated analytics.</summary>
    Analytics = 5,

    /// <summary>The audit trail and closed data-subject requests.</summary>
    Audit = 6,

    /// <summary>Visitors' questions kept for improving the FAQ (with their consent).</summary>
    FaqQuestions = 7,
}

/// <summary>The limits of retention policies.</summary>
public static class RetentionRules
{
    /// <summary>The longest lifetime a policy may set: ten years.</summary>
    public const int MaxDays = 3650;

    /// <summary>
    /// The shortest audit lifetime: a year, so that every request and erasure stays provable at least that long
    /// (GDPR art. 5(2)); the audit trail must also outlive every other kind of data, as it proves what happened to it.
    /// </summary>
    public const int MinAuditDays = 365;

    /// <summary>The problems of <paramref name="policy"/> as field messages; empty when it is valid.</summary>
    public static IReadOnlyList<string> Check(RetentionPolicy policy)
    {
        var lifetimes = new (string Name, int Days)[]
        {
            ("conversationDays", policy.ConversationDays), ("visitorSessionDays", policy.VisitorSessionDays),
            ("pageViewDays", policy.PageViewDays), ("deviceDataDays", policy.DeviceDataDays),
            ("analyticsDays", policy.AnalyticsDays), ("faqQuestionDays", policy.FaqQuestionDays), ("auditDays", policy.AuditDays),
        };
        var problems = lifetimes.Where(l => l.Days is < 1 or > MaxDays).Select(l => $"{l.Name} must be between 1 and {MaxDays} days.").ToList();
        if (policy.AuditDays < Math.Max(MinAuditDays, lifetimes[..^1].Max(l => l.Days)))
        {
            problems.Add($"auditDays must be at least {MinAuditDays} and at least every other lifetime: the audit trail proves what happened to the data.");
        }

        return problems;
    }
}
