namespace Orbitalyntra.Web.Hosting;

public static class WebUiConfiguration
{
    /// <summary>The CORS policy that lets the widget run on tenants' own sites.</summary>
    public const string EmbeddingPolicy = "embedding";

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
        app.UseDefaultFiles();
        app.UseStaticFiles();
        return app;
    }
}
