using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Faq;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Browser;

/// <summary>
/// The FAQ's pages in Chromium against the real web host: the admin pages' FAQ section, the public help center at
/// <c>/help/{tenantId}/</c>, the widget's suggested articles and the chat's assistant (widget, console and the admin
/// pages' effectiveness section); and how the host serves the help center's addresses.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class HelpCenterPagesTests(ChatCluster chat)
{
    private const string FrenchTitle = "Délais de livraison";
    private const string EnglishTitle = "Refunds and returns";

    [Fact]
    public async Task An_administrator_writes_previews_publishes_and_unpublishes_an_article_that_search_then_finds_and_loses() =>
        await BrowserScenario.Run("admin-faq.mjs", chat.Web, await chat.NewTenant());

    [Fact]
    public async Task The_help_center_finds_a_french_article_by_its_stem_opens_it_and_switches_to_english()
    {
        var tenant = await TenantWithArticles();
        await BrowserScenario.Run("help-center.mjs", chat.Web, tenant, Titles);
    }

    [Fact]
    public async Task Typing_a_question_in_the_widget_suggests_a_published_article_before_the_chat_starts()
    {
        var tenant = await TenantWithArticles();
        await BrowserScenario.PutAdminOnline(tenant);
        await BrowserScenario.Run("widget-help.mjs", chat.Web, tenant, Titles);
    }

    [Fact]
    public async Task A_question_in_the_widget_gets_the_assistants_article_and_buttons_shown_in_the_console_too_and_this_answered_my_question_counts_one_deflection()
    {
        var tenant = await TenantWithArticles();
        await BrowserScenario.PutAdminOnline(tenant);
        await BrowserScenario.Run("widget-assistant.mjs", chat.Web, tenant, Titles);
    }

    [Fact]
    public async Task Talk_to_a_person_hands_off_to_the_inbox_and_with_nobody_online_or_outside_business_hours_the_widget_offers_the_message_form()
    {
        var tenant = await TenantWithArticles();
        await BrowserScenario.PutAdminOnline(tenant);
        await BrowserScenario.Run("widget-assistant-handoff.mjs", chat.Web, tenant, Titles);
    }

    [Fact]
    public async Task The_help_centers_addresses_are_its_one_page_under_the_policy_and_an_address_without_its_slash_is_redirected()
    {
        var tenant = await chat.NewTenant();
        foreach (var path in new[] { $"/help/{tenant.TenantId}/", $"/help/{tenant.TenantId}/articles/{Guid.NewGuid()}", "/help/no-such-tenant/" })
        {
            var page = await chat.Web.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.Contains("src=\"/help/help.js\"", await page.Content.ReadAsStringAsync());
            Assert.DoesNotContain("unsafe-inline", Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
        }

        Assert.Equal("text/javascript", (await chat.Web.Http.GetAsync("/help/help.js")).Content.Headers.ContentType?.MediaType);
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = chat.Web.Address };
        var bare = await noRedirects.GetAsync($"/help/{tenant.TenantId}");
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal($"/help/{tenant.TenantId}/", bare.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_public_listing_holds_published_articles_without_their_bodies_and_knows_no_unknown_tenant()
    {
        var tenant = await TenantWithArticles();
        using (var admin = tenant.AsAdmin())
        {
            await Write(admin, tenant, new { language = "fr", title = "Brouillon", body = "Pas encore publié." }, publish: false);
        }

        var listing = $"/api/tenants/{tenant.TenantId}/help/articles";
        var all = (await chat.Web.Http.GetFromJsonAsync<HelpApi.ArticleIndex>(listing, WebHost.Json))!.Articles;
        Assert.Equal([(FrenchTitle, "Livraison", "fr"), (EnglishTitle, "Returns", "en")], all.Select(a => (a.Title, a.Category, a.Language)).Order());
        var json = await chat.Web.Http.GetStringAsync($"{listing}?lang=fr");
        Assert.Contains(FrenchTitle, json);
        Assert.DoesNotContain(EnglishTitle, json);
        Assert.DoesNotContain("jours ouvrés", json);
        Assert.Equal(HttpStatusCode.BadRequest, (await chat.Web.Http.GetAsync($"{listing}?lang=de")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chat.Web.Http.GetAsync("/api/tenants/no-such-tenant/help/articles")).StatusCode);
    }

    private static Dictionary<string, string> Titles => new()
    {
        ["ORBITALYNTRA_FRENCH_TITLE"] = FrenchTitle,
        ["ORBITALYNTRA_ENGLISH_TITLE"] = EnglishTitle,
    };

    /// <summary>A new tenant with a published French article (category "Livraison") and a published English one ("Returns").</summary>
    private async Task<TenantSession> TenantWithArticles()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        await Write(admin, tenant, new
        {
            language = "fr", title = FrenchTitle, category = "Livraison", tags = new[] { "livraison", "expédition" },
            body = "Nous livrons en **3 jours ouvrés** partout en France métropolitaine.",
        });
        await Write(admin, tenant, new
        {
            language = "en", title = EnglishTitle, category = "Returns", tags = new[] { "refund", "return" },
            body = "Ask for a refund within **14 days** of delivery: we pay you back once the parcel is in.",
        });
        return tenant;
    }

    private static async Task Write(HttpClient admin, TenantSession tenant, object article, bool publish = true)
    {
        var created = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/faq/articles", article);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<FaqArticle>(WebHost.Json))!.ArticleId;
        if (publish)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/tenants/{tenant.TenantId}/faq/articles/{id}/publish", null)).StatusCode);
        }
    }
}
