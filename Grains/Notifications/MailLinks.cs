using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Notifications;

/// <summary>
/// The links mail carries. Each token is a keyed hash of what the link grants (decision 0023's unsubscribe token, decision
/// 0027's confirmation and conversation links), so nothing is stored to check it and a token fits one purpose only:
/// unsubscribing a person from a topic; confirming one visitor's one address until a time; reopening one visitor's
/// conversation until a time.
/// </summary>
public sealed class MailLinks(ITenantKeyProvider keys, IOptions<NotificationOptions> options, TimeProvider time)
{
    private const string UnsubscribePurpose = "mail-unsubscribe";
    private const string ConfirmationPurpose = "mail-confirmation";
    private const string ConversationPurpose = "mail-conversation";
    private const string AccountEmailPurpose = "account-email";

    /// <summary>The one-click unsubscribe link of optional mail of <paramref name="topic"/> to <paramref name="recipientId"/>.</summary>
    public async Task<string> Unsubscribe(string tenantId, string recipientId, MailTopic topic) =>
        $"{Base}/api/unsubscribe/{tenantId}/{recipientId}/{JsonNamingPolicy.CamelCase.ConvertName(topic.ToString())}" +
        $"?token={await Token(tenantId, UnsubscribePurpose, recipientId, topic.ToString())}";

    public async Task<bool> IsUnsubscribe(string tenantId, string recipientId, MailTopic topic, string token) =>
        Same(await Token(tenantId, UnsubscribePurpose, recipientId, topic.ToString()), token);

    /// <summary>The page that confirms <paramref name="address"/> as the visitor's (their double opt-in), for a while.</summary>
    public Task<string> Confirmation(string tenantId, string visitorId, string address) =>
        AddressLink(ConfirmationPurpose, tenantId, "visitor", visitorId, address);

    public Task<bool> IsConfirmation(string tenantId, string visitorId, string address, long expires, string token) =>
        IsAddressLink(ConfirmationPurpose, tenantId, visitorId, address, expires, token);

    /// <summary>The page that makes <paramref name="address"/> the account holder's sign-in address, for a while.</summary>
    public Task<string> AccountEmail(string tenantId, string agentId, string address) =>
        AddressLink(AccountEmailPurpose, tenantId, "agent", agentId, address);

    public Task<bool> IsAccountEmail(string tenantId, string agentId, string address, long expires, string token) =>
        IsAddressLink(AccountEmailPurpose, tenantId, agentId, address, expires, token);

    /// <summary>How long the links mailed now stay valid, in whole days (for the mail's text).</summary>
    public string LifetimeDays => Math.Round(options.Value.LinkLifetime.TotalDays).ToString(CultureInfo.InvariantCulture);

    /// <summary>The agents' console, where a conversation that waits for an agent is.</summary>
    public string Console => $"{Base}/console/";

    /// <summary>
    /// The page that opens the tenant's widget on the visitor's conversation, signed in as the visitor for a while: the
    /// widget trades the fragment (never sent to a server by the browser) for a visitor token.
    /// </summary>
    public async Task<string> Conversation(string tenantId, string visitorId, Guid conversationId, string widgetKey)
    {
        var expires = Unix(Expiry());
        var token = await Token(tenantId, ConversationPurpose, visitorId, conversationId.ToString("N"), expires);
        return $"{Base}/chat/?key={Uri.EscapeDataString(widgetKey)}#orbitalyntra-resume={visitorId}.{conversationId:N}.{expires}.{token}";
    }

    public async Task<bool> IsConversation(string tenantId, string visitorId, Guid conversationId, long expires, string token) =>
        Unexpired(expires) && Same(await Token(tenantId, ConversationPurpose, visitorId, conversationId.ToString("N"), Invariant(expires)), token);

    /// <summary>A link that proves whoever follows it reads mail at <paramref name="address"/>, for one person and purpose.</summary>
    private async Task<string> AddressLink(string purpose, string tenantId, string personParameter, string personId, string address)
    {
        var expires = Expiry();
        var token = await Token(tenantId, purpose, personId, Normalized(address), Unix(expires));
        return $"{Base}/mail/confirm.html?tenant={tenantId}&{personParameter}={personId}&expires={Unix(expires)}&token={token}";
    }

    private async Task<bool> IsAddressLink(string purpose, string tenantId, string personId, string address, long expires, string token) =>
        Unexpired(expires) && Same(await Token(tenantId, purpose, personId, Normalized(address), Invariant(expires)), token);

    private string Base => options.Value.PublicBaseUrl.TrimEnd('/');

    private DateTimeOffset Expiry() => time.GetUtcNow() + options.Value.LinkLifetime;

    private bool Unexpired(long expires) => expires >= time.GetUtcNow().ToUnixTimeSeconds();

    private static string Unix(DateTimeOffset moment) => Invariant(moment.ToUnixTimeSeconds());

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Normalized(string address) => address.Trim().ToLowerInvariant();

    private async Task<string> Token(string tenantId, string purpose, params string[] parts) =>
        await keys.KeyedHash(tenantId, purpose, string.Join('|', parts));

    private static bool Same(string expected, string token) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(token));
}
