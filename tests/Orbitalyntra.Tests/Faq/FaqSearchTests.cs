using System.Net.Http.Json;
using Azure.Storage.Blobs;
using Orbitalyntra.Benchmarks.Faq;
using Orbitalyntra.Faq;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Faq;

[Collection(ChatClusterCollection.Name)]
public sealed class FaqSearchTests(ChatCluster chat)
{
    private static readonly Actor Admin = new("admin", "a1");

    [Theory]
    [InlineData("livraisons", "Délais de livraison")]
    [InlineData("remboursment", "Délai de remboursement")]
    [InlineData("delai de remboursement", "Délai de remboursement")]
    [InlineData("l'etiquette du retour", "Retourner un article")]
    [InlineData("returning items", "How to return an item")]
    [InlineData("refunded", "When will I get a refund?")]
    public async Task Search_forgives_forms_typos_and_accents(string query, string title)
    {
        var tenant = await chat.NewTenant();
        await Seed(tenant.TenantId);

        var hits = await Search(tenant.TenantId, query);

        Assert.Equal(title, hits.First().Title);
    }

    [Fact]
    public async Task Only_published_articles_are_found()
    {
        var tenant = await chat.NewTenant();
        var ids = await Seed(tenant.TenantId);
        var knowledgeBase = chat.Client.GetGrain<IKnowledgeBaseGrain>(tenant.TenantId);
        var draft = await knowledgeBase.Create(new FaqArticleContent("fr", "Garantie", "Deux ans de garantie.", [], null), Admin);

        Assert.Empty(await Search(tenant.TenantId, "garantie"));
        await knowledgeBase.Publish(draft.Article!.ArticleId, Admin);
        Assert.Equal("Garantie", Assert.Single(await Search(tenant.TenantId, "garantie")).Title);

        await knowledgeBase.Unpublish(ids["Délais de livraison"], Admin);
        Assert.DoesNotContain(await Search(tenant.TenantId, "livraison"), hit => hit.Title == "Délais de livraison");
    }

    [Fact]
    public async Task Synonyms_find_what_the_words_do_not()
    {
        var tenant = await chat.NewTenant();
        await Seed(tenant.TenantId);
        Assert.Empty(await Search(tenant.TenantId, "envoi"));

        using var admin = tenant.AsAdmin();
        await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/faq/synonyms", new { groups = new[] { new[] { "envoi", "colis" } } });

        Assert.Equal("Délais de livraison", (await Search(tenant.TenantId, "envoi")).First().Title);
    }

    [Fact]
    public async Task Another_tenants_articles_are_never_found()
    {
        var tenant = await chat.NewTenant();
        var other = await chat.NewTenant();
        await Seed(tenant.TenantId);

        Assert.Empty(await Search(other.TenantId, "livraison"));
        Assert.Empty(await chat.Client.FaqSearch(other.TenantId, "fr").Search("livraison", 5));
    }

    [Fact]
    public async Task The_index_survives_a_deactivation_and_is_rebuilt_when_its_blob_is_missing()
    {
        var tenant = await chat.NewTenant();
        await Seed(tenant.TenantId);
        var index = chat.Client.FaqSearch(tenant.TenantId, "fr");
        Assert.NotEmpty(await index.Search("livraison", 5));
        var built = await index.Status();

        await chat.Deactivate(index);
        Assert.NotEmpty(await index.Search("livraison", 5));
        Assert.Equal(built with { Origin = FaqIndexOrigin.Loaded }, await index.Status());

        await new BlobServiceClient(TestStorage.ConnectionString).GetBlobContainerClient(BlobFaqIndexStore.ContainerName).DeleteBlobAsync($"{tenant.TenantId}/fr");
        await chat.Deactivate(index);
        Assert.NotEmpty(await index.Search("livraison", 5));
        Assert.Equal(built with { Origin = FaqIndexOrigin.Rebuilt }, await index.Status());
    }

    [Fact]
    public async Task The_relevance_fixture_finds_the_right_article_in_the_first_three_hits_for_at_least_80_percent_of_questions()
    {
        var tenant = await chat.NewTenant();
        var fixture = FaqFixture.Load();
        await FaqRelevance.Seed(chat.Client, tenant.TenantId, fixture);

        var precision = await FaqRelevance.Measure(chat.Client, tenant.TenantId, fixture);

        Assert.True(fixture.Articles.Count >= 40 && fixture.Questions.Count >= 80);
        Assert.True(precision.AtThree >= 0.8, $"{precision}; missed: {string.Join("; ", precision.Misses)}");
    }

    private async Task<List<FaqHit>> Search(string tenantId, string query) =>
        (await chat.Web.Http.GetFromJsonAsync<HelpApi.SearchResults>($"/api/tenants/{tenantId}/help/search?q={Uri.EscapeDataString(query)}&max=5", WebHost.Json))!.Hits.ToList();

    private async Task<Dictionary<string, Guid>> Seed(string tenantId)
    {
        FaqImportedArticle Article(string language, string title, string body) =>
            new(null, new FaqArticleContent(language, title, body, [], null), FaqStatus.Published);
        var imported = await chat.Client.GetGrain<IKnowledgeBaseGrain>(tenantId).Import(
        [
            Article("fr", "Délais de livraison", "Votre colis est livré en 2 à 4 jours ouvrés par notre transporteur."),
            Article("fr", "Délai de remboursement", "Le remboursement est fait sous 10 jours après réception de votre retour."),
            Article("fr", "Retourner un article", "Imprimez l'étiquette de retour prépayée et déposez le paquet en point relais."),
            Article("en", "How to return an item", "You have 30 days to return items: print the label and drop the parcel off."),
            Article("en", "When will I get a refund?", "Refunds reach your card within 10 days of receiving your return."),
        ], Admin);
        return imported!.ToDictionary(a => a.Content.Title, a => a.ArticleId);
    }
}
