using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>
/// Sign-in without account enumeration and without lockout as a weapon (issue 19, decision 0042): failures pause an
/// address for the network they came from, known and unknown addresses answer alike, and the account's owner still signs
/// in from elsewhere, or from a network they used before when many networks failed.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class SignInGuardTests(ChatCluster chat)
{
    [Fact]
    public async Task Failures_pause_an_address_for_one_network_only_and_a_known_and_an_unknown_address_answer_alike()
    {
        await using var proxied = await ProxiedHost();
        var tenant = await TenantSession.Create(proxied);
        var known = tenant.SignUp.Admin.Email;
        var unknown = $"nobody@{tenant.TenantId}.test";

        var answers = new Dictionary<string, List<string>>();
        foreach (var email in new[] { known, unknown })
        {
            answers[email] = [];
            for (var i = 0; i <= SignInLimits.PerNetwork; i++)
            {
                using var response = await SignIn(proxied, tenant, email, "not the password at all", "198.51.100.7");
                answers[email].Add(await Shape(response));
            }
        }

        Assert.Equal(answers[known], answers[unknown]);
        Assert.Equal([.. Enumerable.Repeat("401 The e-mail or the password is wrong.", SignInLimits.PerNetwork)], answers[known].Take(SignInLimits.PerNetwork));
        Assert.StartsWith("429 Too many failed sign-ins for this e-mail address from your network", answers[known][^1]);

        // Paused from that network even with the right password: the answer tells nothing of it.
        using var rightButPaused = await SignIn(proxied, tenant, known, TenantSession.AdminPassword, "198.51.100.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButPaused.StatusCode);
        Assert.True(rightButPaused.Headers.RetryAfter?.Delta > TimeSpan.FromMinutes(10), "Retry-After tells when the pause ends");
        Assert.Equal(answers[known][^1], await Shape(rightButPaused));

        // The owner, from another network, is not locked out.
        using var elsewhere = await SignIn(proxied, tenant, known, TenantSession.AdminPassword, "203.0.113.20");
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Failures_from_many_networks_pause_new_networks_but_not_one_the_owner_signed_in_from()
    {
        await using var proxied = await ProxiedHost();
        var tenant = await TenantSession.Create(proxied);
        var known = tenant.SignUp.Admin.Email;
        const string ownersNetwork = "203.0.113.44";
        using (var first = await SignIn(proxied, tenant, known, TenantSession.AdminPassword, ownersNetwork))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var attackers = Enumerable.Range(1, SignInLimits.PerAddress / SignInLimits.PerNetwork).Select(n => $"192.0.2.{n}").ToList();
        foreach (var email in new[] { known, $"nobody@{tenant.TenantId}.test" })
        {
            foreach (var network in attackers)
            {
                for (var i = 0; i < SignInLimits.PerNetwork; i++)
                {
                    using var failed = await SignIn(proxied, tenant, email, "still not the password", network);
                    Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
                }
            }

            // A network never used by anyone for this address is paused now, known address or not.
            using var fresh = await SignIn(proxied, tenant, email, "a first try from here", "198.51.100.99");
            Assert.Equal(HttpStatusCode.TooManyRequests, fresh.StatusCode);
        }

        using var newNetwork = await SignIn(proxied, tenant, known, TenantSession.AdminPassword, "198.51.100.99");
        Assert.Equal(HttpStatusCode.TooManyRequests, newNetwork.StatusCode);
        using var owner = await SignIn(proxied, tenant, known, TenantSession.AdminPassword, ownersNetwork);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    private Task<WebHost> ProxiedHost() => WebHost.Start(chat.ClusterId, chat.ServiceId, new Dictionary<string, string>
    {
        ["Web:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        ["Auth:PublicRequestsPerMinute"] = "1000",
    });

    private static async Task<HttpResponseMessage> SignIn(WebHost host, TenantSession tenant, string email, string password, string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tenants/{tenant.TenantId}/sessions") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add("X-Forwarded-For", client);
        return await host.Http.SendAsync(request);
    }

    /// <summary>What a caller can compare between two answers: the status and the problem's detail.</summary>
    private static async Task<string> Shape(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var detail = problem.GetProperty("detail").GetString() ?? "";
        // The minutes left may differ by one between two runs of the same sequence.
        return $"{(int)response.StatusCode} {(response.StatusCode == HttpStatusCode.TooManyRequests ? detail[..detail.IndexOf(':', StringComparison.Ordinal)] : detail)}";
    }
}
