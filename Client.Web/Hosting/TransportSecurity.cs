using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Orbitalyntra.Web.Hosting;

/// <summary>
/// Behind a TLS-terminating proxy (the Azure Container Apps ingress) the host sees plain HTTP from the proxy. Headers
/// saying what the client really used (<c>X-Forwarded-For</c>, <c>-Proto</c>, <c>-Host</c>) are believed only from the
/// proxies or networks configured in <c>Web:ForwardedHeaders</c> — from anyone else they are ignored, so a client cannot
/// pick the address the rate limits count it under. Over HTTPS the console's cookie is <c>Secure</c> and responses carry
/// HSTS; every response says <c>Referrer-Policy: no-referrer</c>, so no console or widget address (which names a tenant
/// or a conversation) leaks to the sites linked from them.
/// </summary>
public static class TransportSecurity
{
    public const string Section = "Web:ForwardedHeaders";

    public static WebApplicationBuilder AddOrbitalyntraTransportSecurity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds loopback by default and the middleware still reads it.
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            foreach (var proxy in section.GetSection("KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in section.GetSection("KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>
    /// First in the pipeline: every later step (rate limits, cookies, links) sees the client's address and scheme. With no
    /// proxy configured the forwarded headers are not read at all: the middleware would otherwise trust every sender.
    /// </summary>
    public static WebApplication UseOrbitalyntraTransportSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ForwardedHeadersOptions>>().Value;
        if (options.KnownProxies.Count > 0 || options.KnownIPNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseHsts();
        app.Use((context, next) =>
        {
            context.Response.Headers["Referrer-Policy"] = "no-referrer";
            return next(context);
        });
        return app;
    }
}
