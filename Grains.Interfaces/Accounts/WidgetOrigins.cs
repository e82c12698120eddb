namespace Orbitalyntra.Accounts;

/// <summary>
/// The websites (origins: <c>https://shop.example</c>, a port when it is not the scheme's) allowed to use a tenant's
/// widget key: checked when visitor tokens are issued and when a visitor joins the hub (docs/decisions/0044). An empty
/// list allows any origin, and a request without an <c>Origin</c> header then too.
/// </summary>
public static class WidgetOrigins
{
    /// <summary>The most origins a tenant lists.</summary>
    public const int MaxOrigins = 50;

    /// <summary>The origin as compared: scheme and host in lower case, the port only when it is not the scheme's; null when it is not an http(s) origin.</summary>
    public static string? Normalize(string? origin) =>
        origin is { Length: > 0 and <= 300 } && Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http" && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0
        && uri.UserInfo.Length == 0 && !origin.Trim().EndsWith("/", StringComparison.Ordinal)
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;

    /// <summary>What is wrong with the list, by field (<c>origins</c>); empty when it may be kept.</summary>
    public static Dictionary<string, string[]> Problems(IReadOnlyList<string>? origins)
    {
        var problems = new List<string>();
        if (origins is null)
        {
            problems.Add("origins is required (an empty list allows any website).");
        }
        else if (origins.Count > MaxOrigins)
        {
            problems.Add($"At most {MaxOrigins} origins.");
        }
        else if (origins.Any(o => Normalize(o) is null))
        {
            problems.Add("Each origin is a scheme, a host and an optional port, such as https://shop.example or http://localhost:8080, without a path.");
        }

        return problems.Count == 0 ? [] : new Dictionary<string, string[]> { ["origins"] = [.. problems] };
    }

    /// <summary>Whether a request from <paramref name="origin"/> (its <c>Origin</c> header) may use the widget key.</summary>
    public static bool Allows(IReadOnlyList<string> allowed, string? origin) =>
        allowed.Count == 0 || (Normalize(origin) is { } normalized && allowed.Contains(normalized, StringComparer.Ordinal));
}
