using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Faq;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Faq;

[Collection(ChatClusterCollection.Name)]
public sealed class KnowledgeBaseApiTests(ChatCluster chat)
{
    [Fact]
    public async Task An_article_keeps_every_version_and_its_changes_are_audited_without_its_text()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var articles = $"/api/tenants/{tenant.TenantId}/faq/articles";

        var created = await admin.PostAsJsonAsync(articles, new { language = "fr", title = "Délais de livraison", body = "Sous **3 jours** ouvrés.", tags = new[] { "livraison" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var draft = (await created.Content.ReadFromJsonAsync<FaqArticle>(WebHost.Json))!;
        Assert.Equal((FaqStatus.Draft, 1), (draft.Status, draft.Version));

        var updated = await admin.PutAsJsonAsync($"{articles}/{draft.ArticleId}", new { language = "fr", title = "Délais de livraison", body = "Sous 2 à 4 jours ouvrés.", category = "Livraison" });
        Assert.Equal(2, (await updated.Content.ReadFromJsonAsync<FaqArticle>(WebHost.Json))!.Version);
        var published = await admin.PostAsync($"{articles}/{draft.ArticleId}/publish", null);
        Assert.Equal(FaqStatus.Published, (await published.Content.ReadFromJsonAsync<FaqArticle>(WebHost.Json))!.Status);

        var versions = (await admin.GetFromJsonAsync<List<FaqArticleVersion>>($"{articles}/{draft.ArticleId}/versions", WebHost.Json))!;
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal(["Sous **3 jours** ouvrés.", "Sous 2 à 4 jours ouvrés."], versions.Select(v => v.Content.Body));
        Assert.All(versions, v => Assert.Equal(tenant.SignUp.Admin.AgentId, v.Author.Id));

        Assert.Single((await admin.GetFromJsonAsync<FaqApi.ArticleList>($"{articles}?status=published&language=fr&category=livraison", WebHost.Json))!.Articles);
        Assert.Empty((await admin.GetFromJsonAsync<FaqApi.ArticleList>($"{articles}?status=draft", WebHost.Json))!.Articles);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{articles}/{draft.ArticleId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{articles}/{draft.ArticleId}")).StatusCode);

        var audit = (await admin.GetFromJsonAsync<List<AuditEntry>>($"/api/tenants/{tenant.TenantId}/audit?limit=50", WebHost.Json))!
            .Where(e => e.Action.StartsWith("faq.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["faq.article.deleted", "faq.article.published", "faq.article.updated", "faq.article.created"], audit.Select(e => e.Action));
        Assert.All(audit, e => Assert.Equal(tenant.SignUp.Admin.AgentId, e.By.Id));
        Assert.All(audit, e => Assert.DoesNotContain("jours", e.Detail));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_problem_and_changes_nothing()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var faq = $"/api/tenants/{tenant.TenantId}/faq";

        var invalid = await admin.PostAsJsonAsync($"{faq}/articles", new { language = "de", title = " ", body = "text" });
        var filter = await admin.GetAsync($"{faq}/articles?status=archived");
        var import = await admin.PostAsJsonAsync($"{faq}/import", new { articles = new object[] { new { language = "en", title = "Fine", body = "Fine" }, new { language = "en", title = "", body = "" } } });
        var synonyms = await admin.PutAsJsonAsync($"{faq}/synonyms", new { groups = new[] { new[] { "alone" } } });
        var search = await chat.Web.Http.GetAsync($"/api/tenants/{tenant.TenantId}/help/search?q=&lang=xx");

        foreach (var (response, field) in new[] { (invalid, "language"), (filter, "status"), (import, "articles[1].title"), (synonyms, "groups"), (search, "lang") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(field, await response.Content.ReadAsStringAsync());
        }

        Assert.Empty((await admin.GetFromJsonAsync<FaqApi.ArticleList>($"{faq}/articles", WebHost.Json))!.Articles);
        Assert.Empty((await admin.GetFromJsonAsync<FaqApi.SynonymsSetting>($"{faq}/synonyms", WebHost.Json))!.Groups!);
    }

    [Fact]
    public async Task Agents_and_visitors_cannot_manage_articles()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        using var http = tenant.Bearer(visitor.AccessToken);

        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync($"/api/tenants/{tenant.TenantId}/faq/articles")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chat.Web.Http.GetAsync($"/api/tenants/{tenant.TenantId}/help/articles/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Export_and_import_round_trip_and_articles_render_without_scripts_or_unsafe_links()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var faq = $"/api/tenants/{tenant.TenantId}/faq";
        var body = "<script>alert(1)</script>\n\n[safe](https://example.com) [bad](javascript:alert(1)) <javascript:alert(2)>";
        var imported = await admin.PostAsJsonAsync($"{faq}/import", new { articles = new[] { new { language = "en", title = "Links", body, status = "published" } } });
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var exported = (await admin.GetFromJsonAsync<FaqApi.ArticlesFile>($"{faq}/export", WebHost.Json))!;
        var other = await chat.NewTenant();
        using var otherAdmin = other.AsAdmin();
        Assert.Equal(HttpStatusCode.OK, (await otherAdmin.PostAsJsonAsync($"/api/tenants/{other.TenantId}/faq/import", exported, WebHost.Json)).StatusCode);
        var copy = Assert.Single((await otherAdmin.GetFromJsonAsync<FaqApi.ArticleList>($"/api/tenants/{other.TenantId}/faq/articles", WebHost.Json))!.Articles);
        Assert.Equal((body, FaqStatus.Published), (copy.Content.Body, copy.Status));

        var article = (await chat.Web.Http.GetFromJsonAsync<FaqPublishedArticle>($"/api/tenants/{other.TenantId}/help/articles/{copy.ArticleId}", WebHost.Json))!;
        Assert.Contains("href=\"https://example.com\"", article.Html);
        Assert.DoesNotContain("<script", article.Html);
        Assert.DoesNotContain("javascript:", article.Html);
        var preview = await admin.PostAsJsonAsync($"{faq}/preview", new { body });
        Assert.Equal(article.Html, (await preview.Content.ReadFromJsonAsync<FaqApi.Preview>(WebHost.Json))!.Html);
    }
}
