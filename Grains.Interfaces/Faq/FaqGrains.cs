namespace Orbitalyntra.Faq;

/// <summary>Typed access to the FAQ grains, so that their keys are written in one place.</summary>
public static class FaqGrains
{
    /// <summary>The index of <paramref name="tenantId"/>'s articles in <paramref name="language"/>.</summary>
    public static IFaqSearchGrain FaqSearch(this IGrainFactory grains, string tenantId, string language) =>
        grains.GetGrain<IFaqSearchGrain>($"{tenantId}/{language}");

    /// <summary>The tenant and language of an index's key.</summary>
    public static (string TenantId, string Language) SearchKey(string key) =>
        key.LastIndexOf('/') is var slash and > 0 ? (key[..slash], key[(slash + 1)..]) : throw new ArgumentException($"Not an index key: {key}", nameof(key));

    /// <summary>
    /// Searches every language of the tenant and merges the hits, best first. Hits in <paramref name="preferredLanguage"/>
    /// (when given) weigh a little more, so that a question finds its own language's article before a translation.
    /// </summary>
    public static async Task<IReadOnlyList<FaqHit>> SearchFaq(this IGrainFactory grains, string tenantId, string query, string? preferredLanguage, int max)
    {
        var searches = FaqRules.Languages.Select(language => grains.FaqSearch(tenantId, language).Search(query, max));
        var hits = (await Task.WhenAll(searches)).SelectMany(h => h);
        return hits
            .Select(hit => hit with { Score = hit.Language == preferredLanguage ? hit.Score * PreferredLanguageWeight : hit.Score })
            .OrderByDescending(hit => hit.Score)
            .Take(Math.Clamp(max, 1, FaqRules.MaxHits))
            .ToList();
    }

    /// <summary>How much more a hit in the asker's language weighs.</summary>
    private const float PreferredLanguageWeight = 1.25f;
}
