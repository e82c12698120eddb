using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.UnitTests.Notifications;

/// <summary>The links mail carries: each token grants one thing, to one person, for a while, and nothing is stored to check it.</summary>
public sealed class MailLinksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);

    private static readonly ITenantKeyProvider Keys =
        new LocalTenantKeyProvider(Options.Create(new PrivacyOptions { MasterKey = Convert.ToBase64String(new byte[Sealing.KeyBytes]) }), new MemoryTenantKeyMaterial());

    [Fact]
    public async Task A_confirmation_link_confirms_its_visitors_own_address_until_it_expires()
    {
        var link = new Uri(await Links(Now).Confirmation("acme", "v1", "Ada@Example.test"));
        var query = QueryHelpers.ParseQuery(link.Query);
        Assert.Equal("/mail/confirm.html", link.AbsolutePath);
        Assert.DoesNotContain("example", link.ToString(), StringComparison.OrdinalIgnoreCase);
        var (expires, token) = (long.Parse(query["expires"]!), query["token"].ToString());
        Assert.Equal((Now + new NotificationOptions().LinkLifetime).ToUnixTimeSeconds(), expires);

        Assert.True(await Links(Now).IsConfirmation("acme", "v1", " ada@example.TEST", expires, token));
        Assert.False(await Links(Now).IsConfirmation("acme", "v1", "eve@example.test", expires, token));
        Assert.False(await Links(Now).IsConfirmation("acme", "v2", "ada@example.test", expires, token));
        Assert.False(await Links(Now).IsConfirmation("other", "v1", "ada@example.test", expires, token));
        Assert.False(await Links(Now).IsConfirmation("acme", "v1", "ada@example.test", expires + 86_400, token));
        Assert.False(await Links(DateTimeOffset.FromUnixTimeSeconds(expires + 1)).IsConfirmation("acme", "v1", "ada@example.test", expires, token));
    }

    [Fact]
    public async Task A_link_back_to_a_conversation_reopens_that_conversation_of_that_visitor_only()
    {
        var conversation = Guid.NewGuid();
        var link = new Uri(await Links(Now).Conversation("acme", "v1", conversation, "acme.key/+"));
        Assert.Equal("?key=acme.key%2F%2B", link.Query);
        var parts = link.Fragment.Split('=', 2)[1].Split('.');
        Assert.Equal(["v1", conversation.ToString("N")], parts[..2]);
        var (expires, token) = (long.Parse(parts[2]), parts[3]);

        Assert.True(await Links(Now).IsConversation("acme", "v1", conversation, expires, token));
        Assert.False(await Links(Now).IsConversation("acme", "v1", Guid.NewGuid(), expires, token));
        Assert.False(await Links(Now).IsConversation("acme", "v2", conversation, expires, token));
        Assert.False(await Links(DateTimeOffset.FromUnixTimeSeconds(expires + 1)).IsConversation("acme", "v1", conversation, expires, token));
        // A confirmation's token is not a conversation's: each purpose has a key of its own.
        Assert.False(await Links(Now).IsConfirmation("acme", "v1", conversation.ToString("N"), expires, token));
    }

    [Fact]
    public async Task The_unsubscribe_token_is_still_the_keyed_hash_of_person_and_topic_so_links_already_mailed_keep_working()
    {
        var link = await Links(Now).Unsubscribe("acme", "a1", MailTopic.ServiceUpdates);
        var token = await Keys.KeyedHash("acme", "mail-unsubscribe", "a1|ServiceUpdates");
        Assert.Equal($"http://localhost:5080/api/unsubscribe/acme/a1/serviceUpdates?token={token}", link);
        Assert.True(await Links(Now.AddYears(1)).IsUnsubscribe("acme", "a1", MailTopic.ServiceUpdates, token));
        Assert.False(await Links(Now).IsUnsubscribe("acme", "a1", MailTopic.DeadlineReminders, token));
    }

    private static MailLinks Links(DateTimeOffset now) => new(Keys, Options.Create(new NotificationOptions()), new Clock(now));

    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
