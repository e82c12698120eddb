using System.Diagnostics.CodeAnalysis;
using Orbitalyntra.Visitors;

namespace Orbitalyntra.Analytics;

/// <summary>What the day's aggregates keep of a page view, and the bounds that keep a day's counters small.</summary>
public static class AnalyticsRules
{
    /// <summary>Distinct paths counted per day; later paths count as <see cref="Other"/>.</summary>
    public const int MaxPaths = 200;

    /// <summary>Distinct transitions counted per day; later ones count as (other) → (other).</summary>
    public const int MaxTransitions = 200;

    /// <summary>Longest path counted; longer ones are cut.</summary>
    public const int MaxPathLength = 200;

    /// <summary>Where paths and transitions beyond the caps are counted.</summary>
    public const string Other = "(other)";

    /// <summary>
    /// The longest pause between two of a visitor's page views that still counts as a move from one to the other: the
    /// usual visit timeout of web analytics; a page seen yesterday is not where today's visit came from.
    /// </summary>
    public static readonly TimeSpan TransitionWindow = TimeSpan.FromMinutes(30);

    /// <summary>A page view kept in a visitor's session, counted with the move from the page kept before it, if recent.</summary>
    public static PageHit Hit(PageView kept, PageView? previous) => new(
        Cut(kept.Path),
        previous is not null && kept.At - previous.At <= TransitionWindow ? Cut(previous.Path) : null,
        kept.TimeOnPageMs);

    /// <summary>
    /// An anonymous page view (validated by <see cref="TrackingRules.Problem"/>), counted with the move from
    /// <paramref name="previousUrl"/>, or else from the referrer: either only when it is a page of the same site.
    /// </summary>
    public static PageHit Hit(PageViewReport report, string? previousUrl, DateTimeOffset at)
    {
        var reduced = TrackingRules.Reduce(report, at);
        var host = new Uri(report.Url).Host;
        var from = SameSitePath(previousUrl, host) ?? SameSitePath(report.Referrer, host);
        return new PageHit(Cut(reduced.Path), from is null ? null : Cut(from), reduced.TimeOnPageMs);
    }

    /// <summary>Null when <paramref name="previousUrl"/> is absent or an absolute http(s) address; otherwise what is wrong.</summary>
    public static string? PreviousUrlProblem(string? previousUrl) =>
        previousUrl is null || (previousUrl.Length <= TrackingRules.MaxUrlLength && IsWebAddress(previousUrl, out _))
            ? null
            : $"previousUrl must be an absolute http(s) address of at most {TrackingRules.MaxUrlLength} characters.";

    private static string? SameSitePath(string? address, string host) =>
        IsWebAddress(address, out var uri) && string.Equals(uri.Host, host, StringComparison.OrdinalIgnoreCase) ? uri.AbsolutePath : null;

    private static bool IsWebAddress(string? address, [NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(address, UriKind.Absolute, out uri) && uri.Scheme is "http" or "https";

    private static string Cut(string path) => path.Length <= MaxPathLength ? path : path[..MaxPathLength];
}
