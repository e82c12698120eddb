using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Chat;

/// <summary>
/// Issue 19's log flooding and forging, as the probe did it: refused hub calls carrying CR/LF and a forged entry leave
/// no Error, no stack and nothing of what was sent in the log, and the refusal does not echo it either.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class HubLogTests(ChatCluster chat)
{
    [Fact]
    public async Task Refused_hub_calls_are_not_logged_as_errors_and_cannot_forge_an_entry()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        await using var client = await ChatClient.Connect(chat.Web, visitor.AccessToken);
        var marker = $"Forged{Guid.NewGuid():N}";
        var forged = $"x\r\nfail: {marker}.Entry[0]\r\n      injected\0";

        for (var i = 0; i < 20; i++)
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => client.Invoke("JoinConversation", tenant.TenantId, forged, 0L));
            Assert.DoesNotContain(marker, refused.Message);
        }

        // A call that went through after them: every line those calls could have written is in the capture by now.
        await client.Invoke("JoinConversation", tenant.TenantId, (await tenant.StartConversation(visitor.AccessToken)).ConversationId.ToString(), 0L);
        Assert.DoesNotContain(CapturedLogs.Instance.Lines, line => line.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(CapturedLogs.Instance.Lines, line => line.StartsWith("Error", StringComparison.Ordinal) && line.Contains("'JoinConversation'", StringComparison.Ordinal));
    }
}
