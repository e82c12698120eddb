using Microsoft.AspNetCore.Diagnostics;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// A call that could not reach the cluster (no gateway, the silo gone, no answer in time) is the service being down for a
/// moment, not a fault of the request nor a bug: REST answers 503 with <c>Retry-After</c> and the hub a refusal that
/// says so, both at once (issue 19). Orleans rejects a call as soon as it knows no gateway takes it; a call already in
/// flight towards a silo that died fails when the connection closes, or at the response timeout at worst.
/// </summary>
public sealed partial class ClusterUnavailable(IProblemDetailsService problems, ILogger<ClusterUnavailable> logger) : IExceptionHandler
{
    /// <summary>What a caller should wait before retrying: a silo restarts, or the membership moves calls to another, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>What the caller reads, on REST and on the hub.</summary>
    public const string Explanation = "The chat cluster cannot be reached just now; retry in a few seconds.";

    /// <summary>
    /// How long the checks every request starts with (is the tenant closed, does the session hold) may take: they are
    /// in-memory reads that answer in milliseconds. When the cluster is away, Orleans rejects most calls at once, but a
    /// call routed to a gateway it still believes alive can wait for the whole response timeout (30 s); this deadline
    /// makes such a request a 503 within seconds all the same.
    /// </summary>
    public static readonly TimeSpan CheckDeadline = TimeSpan.FromSeconds(4);

    /// <summary>Waits for one of those checks no longer than <see cref="CheckDeadline"/>; a <see cref="TimeoutException"/> after it.</summary>
    public static Task<T> Check<T>(Task<T> check) => check.WaitAsync(CheckDeadline);

    /// <summary>Whether <paramref name="exception"/> says that the cluster could not be reached, rather than that the call failed there.</summary>
    public static bool Is(Exception exception) => exception switch
    {
        OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException or GatewayTooBusyException or ClientNotAvailableException => true,
        TimeoutException => true,
        AggregateException { InnerExceptions: [var only] } => Is(only),
        _ => false,
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!Is(exception))
        {
            return false;
        }

        LogUnreachable(context.Request.Method, exception.GetType().Name);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is unavailable for a moment.",
                Detail = Explanation,
            },
        });
    }

    /// <summary>One line, no stack: while the cluster is away every request says the same, and the health checks say why.</summary>
    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Method} request could not reach the cluster ({Exception})")]
    private partial void LogUnreachable(string method, string exception);
}
