using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using MimeKit;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Notifications;

/// <summary>
/// A visitor of a new tenant (whose unread replies are mailed after <c>delaySeconds</c>) with a conversation and an address
/// of their own in MailDev: the steps visitor-mail tests take through the real web host.
/// </summary>
public sealed partial class MailVisitor(TenantSession tenant, WidgetApi.VisitorToken visitor, ConversationKey conversation, ChatCluster chat)
{
    public TenantSession Tenant { get; } = tenant;

    public WidgetApi.VisitorToken Visitor { get; } = visitor;

    public ConversationKey Conversation { get; } = conversation;

    public string Email { get; private set; } = NewAddress();

    public IVisitorMailGrain Mail => chat.Client.VisitorMail(new SubjectKey(Tenant.TenantId, Visitor.VisitorId));

    private string TenantPath => $"/api/tenants/{Tenant.TenantId}";

    private string ConversationPath => $"{TenantPath}/conversations/{Conversation.ConversationId}";

    public static string NewAddress() => $"visitor-{Guid.NewGuid():N}@example.test";

    public static async Task<MailVisitor> Start(ChatCluster chat, int delaySeconds = 2)
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var settings = (await admin.GetFromJsonAsync<TenantSettings>($"/api/tenants/{tenant.TenantId}/settings", WebHost.Json))!;
        (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/settings", settings with { UnseenReplyMailDelaySeconds = delaySeconds }, WebHost.Json))
            .EnsureSuccessStatusCode();
        var visitor = await tenant.NewVisitor();
        return new MailVisitor(tenant, visitor, await tenant.StartConversation(visitor.AccessToken), chat);
    }

    public HttpClient AsVisitor() => Tenant.Bearer(Visitor.AccessToken);

    /// <summary>The visitor writes in the conversation.</summary>
    public Task<ChatMessage> Say(string text) => Post(AsVisitor(), "messages", text);

    /// <summary>The tenant's administrator answers in the conversation.</summary>
    public Task<ChatMessage> Reply(string text) => Post(Tenant.AsAdmin(), "messages", text);

    /// <summary>The tenant's administrator writes a private note.</summary>
    public Task<ChatMessage> Note(string text) => Post(Tenant.AsAdmin(), "notes", text);

    /// <summary>The visitor gives <paramref name="email"/> (by default their own address) for mail in <paramref name="language"/>.</summary>
    public async Task<VisitorMailStatus> GiveAddress(string language, string? email = null)
    {
        Email = email ?? Email;
        using var http = AsVisitor();
        var response = await http.PutAsJsonAsync($"{TenantPath}/visitors/me/mail", new { email = Email, language });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<VisitorMailStatus>(WebHost.Json))!;
    }

    /// <summary>Asks for the conversation's transcript as <paramref name="caller"/> (the visitor by default).</summary>
    public async Task<HttpResponseMessage> RequestTranscript(HttpClient? caller = null)
    {
        using var http = caller ?? AsVisitor();
        return await http.PostAsync($"{ConversationPath}/transcript", null);
    }

    /// <summary>The confirmation mail of the current address, once it arrived.</summary>
    public Task<MimeMessage> ConfirmationMail() =>
        MailDev.Received(Email, m => m.Kind() == nameof(NotificationKind.VisitorAddressConfirmation), "the confirmation link");

    /// <summary>Follows the confirmation link of <paramref name="mail"/> (the current address's by default) as its page does.</summary>
    public async Task<HttpResponseMessage> Confirm(MimeMessage? mail = null)
    {
        var link = new Uri(ConfirmationLink().Match((mail ?? await ConfirmationMail()).TextBody ?? "").Value);
        var query = QueryHelpers.ParseQuery(link.Query);
        using var anonymous = chat.Web.Client(null);
        return await anonymous.PostAsJsonAsync("/api/mail-confirmations", new
        {
            tenantId = query["tenant"].ToString(),
            visitorId = query["visitor"].ToString(),
            expires = long.Parse(query["expires"].ToString(), System.Globalization.CultureInfo.InvariantCulture),
            token = query["token"].ToString(),
        });
    }

    /// <summary>Gives the address and follows its confirmation link.</summary>
    public async Task GiveConfirmedAddress(string language)
    {
        await GiveAddress(language);
        (await Confirm()).EnsureSuccessStatusCode();
    }

    /// <summary>The first mail of <paramref name="kind"/> to the visitor that shows <paramref name="text"/>.</summary>
    public Task<MimeMessage> Received(NotificationKind kind, string text) =>
        MailDev.Received(Email, m => m.Kind() == kind.ToString() && (m.TextBody ?? "").Contains(text, StringComparison.Ordinal), $"{kind} showing '{text}'");

    /// <summary>Every mail of <paramref name="kind"/> the visitor's address received.</summary>
    public async Task<IReadOnlyList<MimeMessage>> All(NotificationKind kind) => [.. (await MailDev.To(Email)).Where(m => m.Kind() == kind.ToString())];

    /// <summary>The <c>resume</c> part of a mail's link back to the conversation (the page's fragment).</summary>
    public static string ResumeOf(MimeMessage mail) => ConversationLink().Match(mail.TextBody ?? "").Groups[1].Value;

    private async Task<ChatMessage> Post(HttpClient http, string what, string text)
    {
        using (http)
        {
            var response = await http.PostAsJsonAsync($"{ConversationPath}/{what}", new { clientMessageId = Guid.NewGuid().ToString("N"), text });
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<ChatMessage>(WebHost.Json))!;
        }
    }

    [GeneratedRegex(@"http\S+/mail/confirm\.html\?\S+")]
    private static partial Regex ConfirmationLink();

    [GeneratedRegex(@"http\S+/chat/\?key=\S+#orbitalyntra-resume=(\S+)")]
    private static partial Regex ConversationLink();
}
