namespace Orbitalyntra.Integrations;

/// <summary>What an endpoint's settings must satisfy; each problem is named by the field it is about.</summary>
public static class WebhookRules
{
    /// <summary>The longest URL accepted.</summary>
    public const int MaxUrlLength = 2000;
    /// <summary>The longest description accepted.</summary>
    public const int MaxDescriptionLength = 200;

    /// <summary>The most endpoints a tenant may have.</summary>
    public const int MaxEndpoints = 20;

    /// <summary>The problems of <paramref name="settings"/>, by field (camelCase, as the API names them); empty when valid.</summary>
    public static Dictionary<string, string[]> Check(WebhookEndpointSettings settings)
    {
        var problems = new Dictionary<string, string[]>();
        if (UrlProblem(settings.Url) is { } url)
        {
            problems["url"] = [url];
        }

        var unknown = (settings.EventTypes ?? []).Where(t => !WebhookEvents.IsKnown(t)).ToList();
        if (settings.EventTypes is not { Count: > 0 })
        {
            problems["eventTypes"] = ["Subscribe to at least one event type."];
        }
        else if (unknown.Count > 0)
        {
            problems["eventTypes"] = [$"Unknown event type(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", WebhookEvents.All)}."];
        }

        if ((settings.Description ?? "").Length > MaxDescriptionLength)
        {
            problems["description"] = [$"At most {MaxDescriptionLength} characters."];
        }

        return problems;
    }

    /// <summary>An absolute http(s) URL without credentials; where it leads is checked when connecting (the address guard).</summary>
    private static string? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > MaxUrlLength)
        {
            return $"Give the receiver's URL (at most {MaxUrlLength} characters).";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "The URL must be an absolute http or https URL.";
        }

        return uri.UserInfo.Length > 0 ? "The URL must not carry a user name or password." : null;
    }
}
