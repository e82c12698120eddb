using Orbitalyntra.Web.Security;
using Orleans.Dashboard;

namespace Orbitalyntra.Web.Hosting;

public static class DashboardConfiguration
{
    /// <summary>The dashboard's base path.</summary>
    public const string Path = "/dashboard";

    /// <summary>
    /// The Orleans Dashboard's services on this host's cluster client (the silos collect the statistics), without its live
    /// log stream; and the operator accounts that may open it.
    /// </summary>
    public static WebApplicationBuilder AddOrbitalyntraDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<OperatorOptions>().Bind(builder.Configuration.GetSection(OperatorOptions.Section));
        builder.Services.AddSingleton<OperatorAccounts>();
        return builder;
    }

    /// <summary>The dashboard's options on the cluster client: no live log stream.</summary>
    public static IClientBuilder AddOrbitalyntraDashboard(this IClientBuilder client) => client.AddDashboard(options => options.HideTrace = true);

    /// <summary>
    /// The dashboard at <see cref="Path"/>, for operators only (an anonymous caller gets 401, anyone else 403). Its grain
    /// state viewer is closed (404): grain state holds tenants' account data, and the dashboard must show no personal data;
    /// what remains shows silos, grain types, counts, timings and reminders by opaque ids.
    /// </summary>
    public static WebApplication MapOrbitalyntraDashboard(this WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments($"{Path}/GrainState", StringComparison.OrdinalIgnoreCase),
            closed => closed.Run(context => Results.Problem(
                "The dashboard does not show grain state: it may hold personal data.", statusCode: StatusCodes.Status404NotFound, title: "Not available.")
                .ExecuteAsync(context)));
        app.MapOrleansDashboard(Path)
            .RequireAuthorization(policy => policy.RequireRole(Caller.OperatorRole))
            .ExcludeFromDescription();
        return app;
    }
}
