using System.Net;
using System.Net.Http.Json;
using System.Text;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Privacy;

namespace Orbitalyntra.Tests.Chat;

/// <summary>Files sent in conversations: stored encrypted, read back only by the conversation's people, within limits.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class FilesTests(ChatCluster chat)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Encoding.ASCII.GetBytes("pretend image data")];

    [Fact]
    public async Task A_visitor_sends_a_file_the_agent_downloads_it_and_storage_holds_it_only_encrypted()
    {
        var tenant = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);
        using var agent = tenant.AsAdmin();
        await using var live = await ChatClient.Connect(chat.Web, tenant.AdminToken);
        await live.Join(conversation);
        var secret = $"the content of a private note {Guid.NewGuid():N}";

        var message = await Files.Upload(visitor, conversation, "Überweisung März.txt", "text/plain", Encoding.UTF8.GetBytes(secret));

        Assert.Equal("Überweisung März.txt", message.Text);
        Assert.Equal(new FileAttachment(message.File!.FileId, "text/plain", Encoding.UTF8.GetByteCount(secret)), message.File);
        Assert.Equal(message, Assert.Single(await live.Receive(1)));
        var download = await Files.Download(agent, conversation, message.Sequence);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(secret, await download.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Empty(await AzuriteScan.Find(secret, "Überweisung"));
    }

    // The names for every type and trick are tested in the fast tier (FileRulesTests.A_download_is_named_…).
    [Fact]
    public async Task A_download_is_named_with_the_extension_of_its_verified_type()
    {
        const string sent = "invoice.bat", downloaded = "invoice.bat.txt";
        var tenant = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);
        var message = await Files.Upload(visitor, conversation, sent, "text/plain", Encoding.UTF8.GetBytes("plain words"));

        using var agent = tenant.AsAdmin();
        var download = await Files.Download(agent, conversation, message.Sequence);

        Assert.Equal(downloaded, download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    [Fact]
    public async Task Retrying_an_upload_stores_one_file_and_one_message()
    {
        var tenant = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);

        var first = await Files.Send(visitor, conversation, "photo.png", "image/png", Png, "upload-1");
        var retry = await Files.Send(visitor, conversation, "photo.png", "image/png", Png, "upload-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var stored = (await first.Content.ReadFromJsonAsync<ChatMessage>(WebHost.Json))!;
        Assert.Equal(stored, await retry.Content.ReadFromJsonAsync<ChatMessage>(WebHost.Json));
        Assert.Equal(1, (await chat.Conversation(conversation).GetSummary())!.LastSequence);
        Assert.Single(await BlobsOf(conversation));
    }

    // Every rule of FileRules is tested in the fast tier; here, a refused content and a missing name on the wire.
    [Theory]
    [InlineData("photo.png", "image/png", "not a png at all", HttpStatusCode.BadRequest, "not image/png")]
    [InlineData(null, "text/plain", "no name", HttpStatusCode.BadRequest, "name")]
    public async Task A_file_outside_the_rules_is_refused_and_nothing_is_stored(string? name, string contentType, string content, HttpStatusCode status, string says)
    {
        var tenant = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);

        var response = await Files.Send(visitor, conversation, name, contentType, Encoding.UTF8.GetBytes(content), "bad-1");

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, await response.Content.ReadAsStringAsync());
        Assert.Equal(0, (await chat.Conversation(conversation).GetSummary())!.LastSequence);
        Assert.Empty(await BlobsOf(conversation));
    }

    [Fact]
    public async Task A_file_over_10_MiB_is_refused_with_413()
    {
        var tenant = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);

        var response = await Files.Send(visitor, conversation, "big.txt", "text/plain", new byte[FileRules.MaxFileBytes + 1].Select(_ => (byte)'a').ToArray(), "big-1");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await chat.Conversation(conversation).GetSummary())!.LastSequence);
    }

    [Fact]
    public async Task Only_the_conversations_people_download_its_files()
    {
        var tenant = await chat.NewTenant();
        var other = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);
        var message = await Files.Upload(visitor, conversation, "photo.png", "image/png", Png);
        var stranger = await tenant.NewVisitor();
        using var strangerHttp = tenant.Bearer(stranger.AccessToken);
        using var otherAdmin = other.AsAdmin();

        Assert.Equal(HttpStatusCode.OK, (await Files.Download(visitor, conversation, message.Sequence)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Files.Download(strangerHttp, conversation, message.Sequence)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Files.Download(otherAdmin, conversation, message.Sequence)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Files.Download(visitor, conversation, message.Sequence + 1)).StatusCode);
    }

    /// <summary>The blobs holding this conversation's files.</summary>
    public static async Task<List<string>> BlobsOf(ConversationKey conversation)
    {
        var container = new Azure.Storage.Blobs.BlobContainerClient(TestStorage.ConnectionString, "files");
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"{conversation.TenantId}/{conversation.ConversationId:N}/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
