namespace Orbitalyntra.Web.Security;

/// <summary>
/// The family of the browser a request came from (Edge, Opera, Chrome, Firefox, Safari or other), read from its
/// User-Agent: what the "sign-in from a new browser" alert compares. Only a keyed hash of the family is stored.
/// </summary>
public static class BrowserFamilies
{
    /// <summary>The family of <paramref name="userAgent"/>; the order matters, as Edge and Opera also say "Chrome" and Chrome "Safari".</summary>
    public static string Of(string? userAgent) => userAgent switch
    {
        null or "" => "other",
        _ when userAgent.Contains("Edg/", StringComparison.Ordinal) => "edge",
        _ when userAgent.Contains("OPR/", StringComparison.Ordinal) => "opera",
        _ when userAgent.Contains("Firefox/", StringComparison.Ordinal) => "firefox",
        _ when userAgent.Contains("Chrome/", StringComparison.Ordinal) || userAgent.Contains("Chromium/", StringComparison.Ordinal) => "chrome",
        _ when userAgent.Contains("Safari/", StringComparison.Ordinal) => "safari",
        _ => "other",
    };
}
