using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Orbitalyntra.Chat;
using Orbitalyntra.Web.Security;

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
        string tenantId, string conversationId, string? clientMessageId, HttpContext http, ClaimsPrincipal caller, ConversationAccess access, IClusterClient cluster)
    {
        if (await access.Find(caller, tenantId, conversationId) is not { } found)
        {
            return ConversationsApi.ConversationNotFound(conversationId);
        }

        if (await ReadBody(http) is not { } content)
        {
            return TypedResults.Problem(
                $"A file may be at most {FileRules.MaxFileBytes / (1024 * 1024)} MiB.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "The file is too large.");
        }

        var name = ContentDispositionHeaderValue.TryParse(http.Request.Headers.ContentDisposition.ToString(), out var disposition)
            ? HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value
            : null;
        var contentType = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType) ? mediaType.MediaType.Value : null;
        var post = new PostMessage(clientMessageId ?? "", caller.AsSender(), name ?? "");
        var problems = new Dictionary<string, string[]>(ChatRules.Check(post).Where(p => p.Key != "text"));
        if (FileRules.Problem(name, contentType, content) is { } fileProblem)
        {
            problems["file"] = [fileProblem];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The file is not valid.");
        }

        return ConversationsApi.Answer(found.Key, await cluster.GetGrain<IConversationGrain>(found.Key.ToString()).PostFile(post, contentType!, content));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(
        string tenantId, string conversationId, long sequence, HttpContext http, ClaimsPrincipal caller, ConversationAccess access, IClusterClient cluster)
    {
        if (await access.Find(caller, tenantId, conversationId) is not { } found)
        {
            return ConversationsApi.ConversationNotFound(conversationId);
        }

        if (await cluster.GetGrain<IConversationGrain>(found.Key.ToString()).ReadFile(sequence, seesNotes: caller.IsStaff()) is not { } file)
        {
            return Problems.NotFound("File not found.", $"Message {sequence} carries no file you may read.");
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
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
