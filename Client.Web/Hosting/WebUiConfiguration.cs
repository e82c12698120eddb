using Orbitalyntra.Accounts;

namespace Orbitalyntra.Web.Hosting;

public static class WebUiConfiguration
{
    /// <summary>The CORS policy that lets the widget run on tenants' own sites.</summary>
    public const string EmbeddingPolicy = "embedding";

    /// <summary>Where each tenant's public help center lives: <c>/help/{tenantId}/</c>.</summary>
    public const string HelpCenterPath = "/help";

    /// <summary>
    /// The widget runs on tenants' websites, other origins than this host: its modules (<c>type="module"</c> scripts are
    /// fetched with CORS) and the API and hub it calls answer any origin. Without credentials: the widget authenticates
    /// with a bearer token in a header, never an ambient cookie, so a foreign page gains nothing it did not already hold,
    /// and the console's cookie is never sent cross-origin.
    /// </summary>
    public static WebApplicationBuilder AddOrbitalyntraWebUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddCors(cors => cors.AddPolicy(EmbeddingPolicy, policy => policy
            .AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Location", "Retry-After")));
        return builder;
    }

    /// <summary>
    /// The browser UI in <c>wwwroot/</c> (the visitor widget, its demo site, the agent console), public like any web page:
    /// every response carries a Content-Security-Policy that allows scripts, styles and connections from this host only
    /// (no inline script, so injected markup cannot run) and <c>nosniff</c>. Only the dashboard's pages may use inline
    /// styles and embedded fonts, which it needs; scripts stay this host's own everywhere.
    /// </summary>
    public static WebApplication UseOrbitalyntraWebUi(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            var host = context.Request.Host.Value;
            // The Orleans Dashboard (operators only, no user content) sets inline styles and embeds its fonts.
            var dashboard = context.Request.Path.StartsWithSegments(DashboardConfiguration.Path)
                ? "style-src 'self' 'unsafe-inline'; font-src 'self' data:; "
                : "";
            headers.ContentSecurityPolicy =
                $"default-src 'self'; connect-src 'self' ws://{host} wss://{host}; img-src 'self' data: blob:; {dashboard}" +
                "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
        app.UseCors(EmbeddingPolicy);
        app.UseHelpCenterAddresses();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }

    /// <summary>
    /// The help center's addresses carry the tenant id: <c>/help/{tenantId}/</c> and <c>/help/{tenantId}/articles/{articleId}</c>
    /// are the one page <c>help/index.html</c>, which reads the tenant (and article) from its address; <c>/help/{tenantId}</c>
    /// is redirected to the address with its slash. A segment that is no tenant id's shape (<c>help.js</c>) is a file.
    /// </summary>
    private static WebApplication UseHelpCenterAddresses(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                && path.StartsWithSegments(HelpCenterPath, out var rest) && rest.Value is { Length: > 1 } tail)
            {
                var segments = tail[1..].Split('/');
                if (TenantIds.IsValid(segments[0]))
                {
                    if (segments.Length == 1)
                    {
                        context.Response.Redirect($"{HelpCenterPath}/{segments[0]}/");
                        return Task.CompletedTask;
                    }

                    if (segments is [_, ""] or [_, "articles", { Length: > 0 }])
                    {
                        context.Request.Path = $"{HelpCenterPath}/index.html";
                    }
                }
            }

            return next(context);
        });
        return app;
    }
}
