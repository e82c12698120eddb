using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Orbitalyntra.Chat;
using Orbitalyntra.Web.Chat;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// Files in conversations. An upload is the raw file as the request body, its type in <c>Content-Type</c> and its
/// name in <c>Content-Disposition</c> (so that neither appears in a URL); it becomes a message whose text is the name.
/// Downloads are always attachments, never rendered by the browser.
/// </summary>
public static class FilesApi
{
    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder app)
    {
        var conversation = app.MapGroup("/api/tenants/{tenantId}/conversations/{conversationId}").WithTags("Conversations");
        conversation.MapPost("/files", Upload)
            .WithSummary($"Send a file (at most {FileRules.MaxFileBytes / (1024 * 1024)} MiB; PNG, JPEG, GIF, WebP, PDF or plain text) as the caller; idempotent by clientMessageId.");
        conversation.MapGet("/messages/{sequence:long}/file", Download).WithSummary("Download the file sent as a message.");
        return app;
    }

    private static async Task<Results<Created<ChatMessage>, Ok<ChatMessage>, ValidationProblem, ProblemHttpResult>> Upload(
        [AsParameters] ConversationRoute route, string? clientMessageId)
    {
        // Let the caller in before reading a body this large; the post below finds the caller admitted for this request.
        if (await route.Commands.Admit(route.Call) is { Refusal: { } refusal })
        {
            return CommandAnswers.Problem(refusal);
        }

        var http = route.Http;
        if (await ReadBody(http) is not { } content)
        {
            return TypedResults.Problem(
                $"A file may be at most {FileRules.MaxFileBytes / (1024 * 1024)} MiB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large.");
        }

        var name = ContentDispositionHeaderValue.TryParse(http.Request.Headers.ContentDisposition.ToString(), out var disposition)
            ? HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value
            : null;
        var contentType = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType) ? mediaType.MediaType.Value : null;
        return CommandAnswers.Stored(route, await route.Commands.PostFile(route.Call, new FilePost(clientMessageId, name, contentType, content)));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download([AsParameters] ConversationRoute route, long sequence)
    {
        var outcome = await route.Commands.ReadFile(route.Call, sequence);
        if (outcome.Refusal is { } refusal)
        {
            return CommandAnswers.Problem(refusal);
        }

        var file = outcome.Value!;
        route.Http.Response.Headers.XContentTypeOptions = "nosniff";
        route.Http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(file.Content, file.ContentType, FileRules.DownloadName(file.Name, file.ContentType));
    }

    /// <summary>The request body, or null when it is larger than a file may be (read no further than that).</summary>
    private static async Task<byte[]?> ReadBody(HttpContext http)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = FileRules.MaxFileBytes + 1L;
        }

        if (http.Request.ContentLength > FileRules.MaxFileBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            if (body.Length + read > FileRules.MaxFileBytes)
            {
                return null;
            }

            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }
}
