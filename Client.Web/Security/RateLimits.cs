namespace Orbitalyntra.Web.Security;

/// <summary>The rate-limit policies endpoints ask for by name; Hosting says what each allows.</summary>
public static class RateLimits
{
    /// <summary>The public, unauthenticated endpoints (sign-up, sign-in, visitor tokens) and what any visitor may file, per client address.</summary>
    public const string PublicEndpoints = "public";

    /// <summary>How many requests a client address may make a minute to <see cref="PublicEndpoints"/> (<c>Auth:PublicRequestsPerMinute</c>).</summary>
    public const int DefaultPublicRequestsPerMinute = 60;
}
