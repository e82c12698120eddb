namespace Orbitalyntra.Privacy;

/// <summary>The keys of <see cref="IPolicyGrain"/>: a tenant's id, or the platform's own key (which no tenant id can be).</summary>
public static class PolicyOwners
{
    /// <summary>The platform's policy.</summary>
    public const string Platform = "_platform";

    /// <summary>The name of the platform's policy in a <see cref="PolicyRef"/>.</summary>
    public const string PlatformPolicy = "platform";

    /// <summary>The name of a tenant's notice in a <see cref="PolicyRef"/>.</summary>
    public const string TenantPolicy = "tenant";

    /// <summary>The platform's policy grain.</summary>
    public static IPolicyGrain PlatformPolicyGrain(this IGrainFactory grains) => grains.GetGrain<IPolicyGrain>(Platform);

    /// <summary>The policy grain of <paramref name="tenantId"/>'s notice to its visitors.</summary>
    public static IPolicyGrain TenantNotice(this IGrainFactory grains, string tenantId) => grains.GetGrain<IPolicyGrain>(tenantId);
}

/// <summary>A text in French and English.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.localized-text")]
public sealed record LocalizedText([property: Id(0)] string Fr, [property: Id(1)] string En)
{
    /// <summary>The text in <paramref name="language"/> (English unless French is asked for).</summary>
    public string In(string? language) => language == "fr" ? Fr : En;
}

/// <summary>A version as its publisher writes it.</summary>
/// <param name="EffectiveAt">When it takes effect; now when left out.</param>
/// <param name="Material">A change that needs the visitors' consent again (new purposes, new recipients...).</param>
/// <param name="Visitors">The text for visitors (the platform's, or a tenant's notice given as text).</param>
/// <param name="AccountHolders">The text for account holders (administrators and agents): the platform's policy only.</param>
/// <param name="Url">Where a tenant's notice is published on its own site, instead of a text.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.policy-draft")]
public sealed record PolicyDraft(
    [property: Id(0)] DateTimeOffset? EffectiveAt,
    [property: Id(1)] bool Material,
    [property: Id(2)] LocalizedText? Visitors,
    [property: Id(3)] LocalizedText? AccountHolders,
    [property: Id(4)] string? Url);

/// <summary>A published version of a policy.</summary>
/// <param name="Version">1, 2, 3... in the order published.</param>
/// <param name="EffectiveAt">When it takes (or took) effect.</param>
/// <param name="Material">Consents given before it takes effect count no more.</param>
/// <param name="Visitors">The text for visitors, if given as text.</param>
/// <param name="AccountHolders">The text for account holders (the platform's policy).</param>
/// <param name="Url">The tenant's own page, if given as an address.</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="By">Who published it.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.policy-version")]
public sealed record PolicyVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] DateTimeOffset EffectiveAt,
    [property: Id(2)] bool Material,
    [property: Id(3)] LocalizedText? Visitors,
    [property: Id(4)] LocalizedText? AccountHolders,
    [property: Id(5)] string? Url,
    [property: Id(6)] DateTimeOffset PublishedAt,
    [property: Id(7)] Actor By);

/// <summary>Which version of which policy: what a consent was given under.</summary>
/// <param name="Policy"><see cref="PolicyOwners.PlatformPolicy"/> or <see cref="PolicyOwners.TenantPolicy"/>.</param>
/// <param name="Version">The version's number.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.policy-ref")]
public sealed record PolicyRef([property: Id(0)] string Policy, [property: Id(1)] int Version);

/// <summary>Where to complain about the processing of one's data: for the platform and its tenants in France, the CNIL.</summary>
/// <param name="Authority">The supervisory authority's name.</param>
/// <param name="Url">Where a complaint is made.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.complaint")]
public sealed record Complaint([property: Id(0)] string Authority, [property: Id(1)] string Url)
{
    /// <summary>The Commission nationale de l'informatique et des libertés (GDPR art. 77).</summary>
    public static readonly Complaint Cnil = new("CNIL (Commission nationale de l'informatique et des libertés)", "https://www.cnil.fr/fr/plaintes");
}

/// <summary>The version of a policy in force now, and what people are told with it.</summary>
/// <param name="Ref">Which policy and version.</param>
/// <param name="Current">The version itself.</param>
/// <param name="ConsentsCountFrom">
/// When the newest material version in force took effect: consents given before count no more. Null when no version in
/// force is material.
/// </param>
/// <param name="ControllerContact">Where to write about one's data (configuration, <c>Privacy:ControllerContact</c>).</param>
/// <param name="Complaint">Where to complain (the CNIL).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.policy-in-force")]
public sealed record PolicyInForce(
    [property: Id(0)] PolicyRef Ref,
    [property: Id(1)] PolicyVersion Current,
    [property: Id(2)] DateTimeOffset? ConsentsCountFrom,
    [property: Id(3)] string ControllerContact,
    [property: Id(4)] Complaint Complaint);

/// <summary>What a person is told about the policy their data is under, in "what do you hold about me" and the export.</summary>
/// <param name="Notice">The policy and version in force.</param>
/// <param name="EffectiveAt">Since when.</param>
/// <param name="ControllerContact">Where to write about one's data.</param>
/// <param name="Complaint">Where to complain (the CNIL).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.transparency")]
public sealed record Transparency(
    [property: Id(0)] PolicyRef Notice,
    [property: Id(1)] DateTimeOffset EffectiveAt,
    [property: Id(2)] string ControllerContact,
    [property: Id(3)] Complaint Complaint)
{
    /// <summary>What <paramref name="inForce"/> tells a person.</summary>
    public static Transparency Of(PolicyInForce inForce) =>
        new(inForce.Ref, inForce.Current.EffectiveAt, inForce.ControllerContact, inForce.Complaint);
}

/// <summary>What a version must be; checked by the web host (problem details) and again by the grain.</summary>
public static class PolicyRules
{
    /// <summary>Longest text, per language.</summary>
    public const int MaxTextLength = 20_000;

    /// <summary>Longest address.</summary>
    public const int MaxUrlLength = 2_000;

    /// <summary>How far ahead an effective date may be.</summary>
    public static readonly TimeSpan LongestNotice = TimeSpan.FromDays(366);

    /// <summary>How far back an effective date may be (the clocks of the publisher and the server differ a little).</summary>
    public static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(5);

    /// <summary>What is wrong with <paramref name="draft"/> as the next version after <paramref name="latest"/>, field by field; empty when nothing.</summary>
    public static Dictionary<string, string[]> Problems(PolicyDraft draft, bool platform, PolicyVersion? latest, DateTimeOffset now)
    {
        var problems = new Dictionary<string, string[]>();
        if (platform)
        {
            Texts(problems, "visitors", draft.Visitors, required: true);
            Texts(problems, "accountHolders", draft.AccountHolders, required: true);
            if (draft.Url is not null)
            {
                problems["url"] = ["The platform's policy is published here as text: leave url out."];
            }
        }
        else
        {
            if (draft.AccountHolders is not null)
            {
                problems["accountHolders"] = ["A tenant's notice is for its visitors: leave accountHolders out."];
            }

            if ((draft.Url is null) == (draft.Visitors is null))
            {
                problems["url"] = ["Give either url (the notice on your own site) or visitors (its text in French and English), not both."];
            }

            Texts(problems, "visitors", draft.Visitors, required: false);
            if (draft.Url is not null && !IsWebAddress(draft.Url))
            {
                problems["url"] = [$"url must be an absolute http or https address of at most {MaxUrlLength} characters."];
            }
        }

        if (draft.EffectiveAt is { } effective)
        {
            if (effective < now - ClockSlack)
            {
                problems["effectiveAt"] = ["effectiveAt must not be in the past: a policy takes effect when it is published or later."];
            }
            else if (effective > now + LongestNotice)
            {
                problems["effectiveAt"] = ["effectiveAt must be within a year."];
            }
            else if (latest is not null && effective < latest.EffectiveAt)
            {
                problems["effectiveAt"] = [$"effectiveAt must not be before version {latest.Version}'s ({latest.EffectiveAt:u})."];
            }
        }

        return problems;
    }

    /// <summary>An absolute http or https address of a reasonable length.</summary>
    public static bool IsWebAddress(string value) =>
        value.Length <= MaxUrlLength && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";

    private static void Texts(Dictionary<string, string[]> problems, string field, LocalizedText? texts, bool required)
    {
        if (texts is null)
        {
            if (required)
            {
                problems[field] = [$"{field} is required: its text in French (fr) and English (en)."];
            }

            return;
        }

        foreach (var (language, text) in new[] { ("fr", texts.Fr), ("en", texts.En) })
        {
            if (text is null || TextRules.IsBlank(text) || text.Length > MaxTextLength || TextRules.ProseProblem(text) is not null)
            {
                problems[$"{field}.{language}"] = [$"{field}.{language} must be the text in {(language == "fr" ? "French" : "English")}, 1 to {MaxTextLength} characters."];
            }
        }
    }
}
