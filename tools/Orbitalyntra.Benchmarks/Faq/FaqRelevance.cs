using System.Diagnostics;
using Orbitalyntra.Faq;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Benchmarks.Faq;

/// <summary>
/// Precision of the FAQ search on the fixture: precision@k is the share of questions with an expected article among
/// the first k hits (each question has one right topic, sometimes written in both languages, so this is also the hit
/// rate at k). And the latency of searches in a tenant of 1,000 articles: the fixture's plus generated ones.
/// </summary>
public static class FaqRelevance
{
    public sealed record Precision(double AtOne, double AtThree, IReadOnlyList<string> Misses)
    {
        public override string ToString() => $"precision@1 {AtOne:F3}, precision@3 {AtThree:F3}";
    }

    public sealed record Latency(int Articles, int Searches, double P50Ms, double P99Ms)
    {
        public override string ToString() => $"{Searches} searches over {Articles} articles: p50 {P50Ms:F2} ms, p99 {P99Ms:F2} ms";
    }

    private static readonly Actor Benchmark = Actor.System("faq-benchmark");

    /// <summary>Imports the fixture into <paramref name="tenantId"/> with its synonyms (a tenant of its own: it is changed).</summary>
    public static async Task Seed(IGrainFactory grains, string tenantId, FaqFixture fixture)
    {
        var knowledgeBase = grains.GetGrain<IKnowledgeBaseGrain>(tenantId);
        await knowledgeBase.SetSynonyms(fixture.Synonyms, Benchmark);
        await knowledgeBase.Import(fixture.Imported(), Benchmark);
    }

    /// <summary>Asks every question of the fixture of a tenant seeded with it, in the question's language.</summary>
    public static async Task<Precision> Measure(IGrainFactory grains, string tenantId, FaqFixture fixture)
    {
        var keys = fixture.Articles.ToDictionary(a => a.ArticleId, a => a.Key);
        int atOne = 0, atThree = 0;
        var misses = new List<string>();
        foreach (var question in fixture.Questions)
        {
            var hits = (await grains.SearchFaq(tenantId, question.Text, question.Language, 3)).Select(h => keys.GetValueOrDefault(h.ArticleId, "?")).ToList();
            atOne += hits.Take(1).Any(question.Expected.Contains) ? 1 : 0;
            if (hits.Any(question.Expected.Contains))
            {
                atThree++;
            }
            else
            {
                misses.Add($"{question.Kind}: \"{question.Text}\" → [{string.Join(", ", hits)}], expected {string.Join(" or ", question.Expected)}");
            }
        }

        return new Precision(atOne / (double)fixture.Questions.Count, atThree / (double)fixture.Questions.Count, misses);
    }

    /// <summary>
    /// Seeds <paramref name="tenantId"/> with the fixture and generated articles up to <paramref name="articles"/>, then
    /// times <paramref name="searches"/> searches of the fixture's questions in turn (after one warm-up round).
    /// </summary>
    public static async Task<Latency> MeasureLatency(IGrainFactory grains, string tenantId, FaqFixture fixture, int articles = 1_000, int searches = 2_000)
    {
        await Seed(grains, tenantId, fixture);
        var generated = Generated(articles - fixture.Articles.Count).ToList();
        foreach (var batch in generated.Chunk(FaqRules.MaxImportedArticles))
        {
            await grains.GetGrain<IKnowledgeBaseGrain>(tenantId).Import(batch, Benchmark);
        }

        foreach (var question in fixture.Questions)
        {
            await grains.SearchFaq(tenantId, question.Text, question.Language, 5);
        }

        var times = new double[searches];
        for (var i = 0; i < searches; i++)
        {
            var question = fixture.Questions[i % fixture.Questions.Count];
            var clock = Stopwatch.StartNew();
            await grains.SearchFaq(tenantId, question.Text, question.Language, 5);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return new Latency(articles, searches, times[searches / 2], times[(int)(searches * 0.99)]);
    }

    /// <summary>Articles made of support vocabulary, the same every run (seeded), so that the index has realistic terms and sizes.</summary>
    private static IEnumerable<FaqImportedArticle> Generated(int count)
    {
        string[] french = ["commande", "livraison", "colis", "retour", "remboursement", "facture", "compte", "paiement", "abonnement", "garantie", "adresse", "produit", "délai", "client", "service", "magasin", "carte", "option", "suivi", "transporteur"];
        string[] english = ["order", "delivery", "parcel", "return", "refund", "invoice", "account", "payment", "subscription", "warranty", "address", "product", "delay", "customer", "service", "store", "card", "option", "tracking", "carrier"];
        var random = new Random(14);
        for (var i = 0; i < count; i++)
        {
            var (language, words) = i % 2 == 0 ? ("fr", french) : ("en", english);
            string Words(int n) => string.Join(" ", Enumerable.Range(0, n).Select(_ => words[random.Next(words.Length)]));
            var body = string.Join(".\n\n", Enumerable.Range(0, 4).Select(_ => Words(25)));
            yield return new FaqImportedArticle(
                null, new FaqArticleContent(language, $"{Words(4)} {i}", body, [words[random.Next(words.Length)]], $"Catégorie {i % 12}"), FaqStatus.Published);
        }
    }
}
