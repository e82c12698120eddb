using System.Text.Json;
using Orbitalyntra.Faq;

namespace Orbitalyntra.Benchmarks.Faq;

/// <summary>
/// The relevance fixture in <c>tests/fixtures/faq/</c> (copied beside the assembly): 44 articles written for it, French
/// and English, labelled questions, and the synonyms its tenant would set. One copy serves the benchmark and the test.
/// </summary>
public sealed record FaqFixture(IReadOnlyList<FaqFixture.Article> Articles, IReadOnlyList<FaqFixture.Question> Questions, IReadOnlyList<IReadOnlyList<string>> Synonyms)
{
    public sealed record Article(string Key, Guid ArticleId, string Language, string Title, string Body, IReadOnlyList<string> Tags, string? Category);

    /// <summary>A question, the language it is asked in, what it tests, and the articles (keys) that answer it.</summary>
    public sealed record Question(string Text, string Language, string Kind, IReadOnlyList<string> Expected);

    private sealed record ArticlesFile(IReadOnlyList<Article> Articles);

    private sealed record QuestionsFile(IReadOnlyList<QuestionEntry> Questions);

    private sealed record QuestionEntry(string Question, string Language, string Kind, IReadOnlyList<string> Expected);

    private sealed record SynonymsFile(IReadOnlyList<IReadOnlyList<string>> Groups);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static FaqFixture Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "faq");
        T Read<T>(string name) => JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(folder, name)), Json)!;
        return new FaqFixture(
            Read<ArticlesFile>("articles.json").Articles,
            Read<QuestionsFile>("questions.json").Questions.Select(q => new Question(q.Question, q.Language, q.Kind, q.Expected)).ToList(),
            Read<SynonymsFile>("synonyms.json").Groups);
    }

    /// <summary>The fixture's articles as an import, all published.</summary>
    public IReadOnlyList<FaqImportedArticle> Imported() =>
        Articles.Select(a => new FaqImportedArticle(a.ArticleId, new FaqArticleContent(a.Language, a.Title, a.Body, a.Tags, a.Category), FaqStatus.Published)).ToList();
}
