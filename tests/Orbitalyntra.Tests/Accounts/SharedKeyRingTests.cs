using System.Net;
using System.Net.Http.Json;
using Azure.Storage.Blobs;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Hosting;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>
/// Issue 19: the data-protection key ring was each web host's own, so a console cookie worked only on the host that
/// issued it. Now it is one ring in Blob storage, its keys sealed with the key-encryption key (docs/decisions/0046).
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class SharedKeyRingTests(ChatCluster chat)
{
    [Fact]
    public async Task A_cookie_issued_by_one_web_host_is_accepted_by_a_second_host_of_the_cluster_and_the_stored_keys_are_sealed()
    {
        await using var second = await WebHost.Start(chat.ClusterId, chat.ServiceId);
        var tenant = await chat.NewTenant();
        using var browser = new HttpClient(new HttpClientHandler { UseCookies = false });
        var signIn = await browser.PostAsJsonAsync(new Uri(chat.Web.Address, $"api/tenants/{tenant.TenantId}/sessions"),
            new { email = tenant.SignUp.Admin.Email, password = TenantSession.AdminPassword, useCookie = true });
        signIn.EnsureSuccessStatusCode();
        var cookie = signIn.Headers.GetValues("Set-Cookie").Select(header => header.Split(';')[0]).Single(c => c.StartsWith("orbitalyntra.session=", StringComparison.Ordinal));

        foreach (var host in new[] { chat.Web, second })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.Address, $"api/tenants/{tenant.TenantId}"));
            request.Headers.Add("Cookie", cookie);
            using var answer = await browser.SendAsync(request);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{host.Address}: {answer.StatusCode}");
        }

        // Reading the storage account gives no key: each is sealed, none is stored as the data-protection system writes it.
        var ring = (await new BlobServiceClient(TestStorage.ConnectionString).GetBlobContainerClient(KeyRingConfiguration.Container)
            .GetBlobClient(BlobKeyRing.BlobName).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("<sealedKey", ring, StringComparison.Ordinal);
        // The cookie was protected with a key of that ring: a protected payload starts with a 4-byte magic header and the key's id.
        var payload = Convert.FromBase64String(PaddedBase64(cookie["orbitalyntra.session=".Length..]));
        Assert.Contains($"id=\"{new Guid(payload.AsSpan(4, 16))}\"", ring, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", ring, StringComparison.Ordinal);
    }

    private static string PaddedBase64(string base64Url)
    {
        var base64 = base64Url.Replace('-', '+').Replace('_', '/');
        return base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
    }
}
