namespace Orbitalyntra.Faq;

/// <summary>The rules of articles and synonyms, checked at the edge before anything changes.</summary>
public static class FaqRules
{
    /// <summary>The languages articles are written and searched in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["fr", "en"];

    /// <summary>Most articles a tenant keeps.</summary>
    public const int MaxArticles = 2_000;

    /// <summary>Longest title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Longest Markdown body.</summary>
    public const int MaxBodyLength = 20_000;

    /// <summary>Most tags of an article.</summary>
    public const int MaxTags = 20;

    /// <summary>Longest tag.</summary>
    public const int MaxTagLength = 40;

    /// <summary>Longest category.</summary>
    public const int MaxCategoryLength = 80;

    /// <summary>Most articles one import brings.</summary>
    public const int MaxImportedArticles = 500;

    /// <summary>Most synonym groups of a tenant.</summary>
    public const int MaxSynonymGroups = 200;

    /// <summary>Most words or phrases in a synonym group.</summary>
    public const int MaxSynonymsPerGroup = 10;

    /// <summary>Longest synonym.</summary>
    public const int MaxSynonymLength = 60;

    /// <summary>Longest search query.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>Most hits a search answers.</summary>
    public const int MaxHits = 20;

    /// <summary>True for a language of <see cref="Languages"/>.</summary>
    public static bool IsLanguage(string? language) => language is not null && Languages.Contains(language);

    /// <summary>The problems of an article's content by field (camelCase, as in the JSON); empty when it is valid.</summary>
    public static Dictionary<string, string[]> Problems(FaqArticleContent? content, string prefix = "")
    {
        var problems = new Dictionary<string, string[]>();
        void Add(string field, string problem) => problems[prefix + field] = [problem];
        if (content is null)
        {
            Add("article", "The article is missing.");
            return problems;
        }

        if (!IsLanguage(content.Language))
        {
            Add("language", "language must be 'fr' or 'en'.");
        }

        if (TextRules.IsBlank(content.Title) || content.Title.Length > MaxTitleLength)
        {
            Add("title", $"title must be 1 to {MaxTitleLength} characters, not only spaces.");
        }
        else if (TextRules.NameProblem(content.Title) is { } titleProblem)
        {
            Add("title", $"title {titleProblem}");
        }

        if (TextRules.IsBlank(content.Body) || content.Body.Length > MaxBodyLength)
        {
            Add("body", $"body must be 1 to {MaxBodyLength} characters of Markdown, not only spaces.");
        }
        else if (TextRules.ProseProblem(content.Body) is { } bodyProblem)
        {
            Add("body", $"body {bodyProblem}");
        }

        var tags = content.Tags ?? [];
        if (tags.Count > MaxTags || tags.Any(t => TextRules.IsBlank(t) || t.Length > MaxTagLength || TextRules.NameProblem(t) is not null))
        {
            Add("tags", $"tags must be at most {MaxTags}, each 1 to {MaxTagLength} characters on one line.");
        }

        if (content.Category is { } category && (TextRules.IsBlank(category) || category.Length > MaxCategoryLength || TextRules.NameProblem(category) is not null))
        {
            Add("category", $"category must be absent or 1 to {MaxCategoryLength} characters on one line.");
        }

        return problems;
    }

    /// <summary>The problem of a synonyms setting, or null when it is valid.</summary>
    public static string? SynonymsProblem(IReadOnlyList<IReadOnlyList<string>>? groups) =>
        groups is null ? "groups is missing."
        : groups.Count > MaxSynonymGroups ? $"There may be at most {MaxSynonymGroups} groups."
        : groups.Any(g => g is null || g.Count < 2 || g.Count > MaxSynonymsPerGroup)
            ? $"Each group must hold 2 to {MaxSynonymsPerGroup} words or phrases that mean the same."
        : groups.SelectMany(g => g).Any(s => string.IsNullOrWhiteSpace(s) || s.Length > MaxSynonymLength)
            ? $"Each word or phrase must be 1 to {MaxSynonymLength} characters, not only spaces."
        : null;

    /// <summary>The problem of a search query, or null when it is valid.</summary>
    public static string? QueryProblem(string? query) =>
        string.IsNullOrWhiteSpace(query) || query.Length > MaxQueryLength ? $"q must be 1 to {MaxQueryLength} characters, not only spaces." : null;

    /// <summary>The content as stored: trimmed, tags without duplicates, an empty category as none.</summary>
    public static FaqArticleContent Normalized(FaqArticleContent content) => content with
    {
        Title = content.Title.Trim(),
        Tags = (content.Tags ?? []).Select(t => t.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        Category = content.Category?.Trim(),
    };
}
