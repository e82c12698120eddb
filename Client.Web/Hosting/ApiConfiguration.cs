using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orbitalyntra.Web.Chat;
using Orbitalyntra.Web.Hubs;
using Orbitalyntra.Web.Relay;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Hosting;

public static class ApiConfiguration
{
    /// <summary>Largest request body the API reads; a message is at most 8 KiB, the rest is JSON around it.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>
    /// REST with RFC 9457 problem details, the OpenAPI document, the chat hub and its stream relays, and the conversation
    /// commands both the hub and REST carry out.
    /// </summary>
    public static WebApplicationBuilder AddOrbitalyntraApi(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= DetailFor(context.ProblemDetails.Status));
        // Unreadable bodies and parameters throw, so that BadRequestExceptionHandler can say what was wrong.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<ClusterUnavailable>();
        builder.Services.AddOpenApi();
        builder.Services.AddSignalR(hub =>
            {
                hub.MaximumReceiveMessageSize = MaxRequestBodyBytes;
                hub.AddFilter<HubErrors>();
                hub.AddFilter<HubCallLimit>();
                hub.AddFilter<HubGate>();
            })
            .AddJsonProtocol(options => Configure(options.PayloadSerializerOptions));
        builder.Logging.AddFilter(HubErrors.DispatcherCategory, LogLevel.Critical);
        // The relays send through the hub's typed clients without knowing the hub class (Relay does not depend on Hubs).
        builder.Services.AddSingleton(services => services.GetRequiredService<IHubContext<ChatHub, IChatClient>>().Clients);
        builder.Services.AddSingleton<ConversationRelay>();
        builder.Services.AddSingleton<OpenConnections>();
        builder.Services.AddHostedService<FeedAuditor>();
        builder.Services.AddHostedService<EndedConnectionSweep>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<InboxRelay>();
        builder.Services.AddSingleton<ConversationAccess>();
        builder.Services.AddSingleton<ConversationCommands>();
        builder.Services.AddSingleton(builder.Configuration.GetSection(HubCallSettings.Section).Get<HubCallSettings>() ?? new HubCallSettings());
        return builder;
    }

    /// <summary>Problem details for every error status, including unmatched routes and unreadable bodies.</summary>
    public static WebApplication UseOrbitalyntraErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>What to tell a client whose request failed before any handler could explain why.</summary>
    private static string? DetailFor(int? status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Sign in, or send a bearer token or an API key.",
        StatusCodes.Status403Forbidden => "You may not do this.",
        StatusCodes.Status404NotFound => "There is nothing at this address.",
        StatusCodes.Status429TooManyRequests => "Too many requests; wait a minute and retry.",
        StatusCodes.Status405MethodNotAllowed => "This address does not accept that HTTP method.",
        StatusCodes.Status413PayloadTooLarge => $"The request body must be at most {MaxRequestBodyBytes / 1024} KiB.",
        StatusCodes.Status415UnsupportedMediaType => "Send the request body as application/json.",
        _ => null,
    };

    /// <summary>Enums travel as camelCase names and never as numbers, so a wrong type is an error, not a guess.</summary>
    private static void Configure(JsonSerializerOptions options) =>
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));

    /// <summary>Turns a body or parameter that cannot be read (malformed JSON, wrong types) into a 400 that says why.</summary>
    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException badRequest)
            {
                return false;
            }

            context.Response.StatusCode = badRequest.StatusCode;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails =
                {
                    Status = badRequest.StatusCode,
                    Title = "The request could not be read.",
                    Detail = badRequest.InnerException is JsonException json ? $"{badRequest.Message} {json.Message}" : badRequest.Message,
                },
            });
        }
    }
}
