using System.Security.Cryptography;
using System.Text;

namespace Orbitalyntra.Integrations;

/// <summary>
/// The <c>webhook-signature</c> of the Standard Webhooks specification: <c>v1,</c> and the base64 HMAC-SHA256 of
/// <c>{id}.{timestamp}.{body}</c> under each active secret, space-separated. Written here rather than taken from the
/// <c>StandardWebhooks</c> package, which would bring ASP.NET Core into the grains (docs/decisions/0031); the tests verify
/// with that package.
/// </summary>
public static class WebhookSigner
{
    public static string Sign(IEnumerable<string> secrets, string eventId, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{eventId}.{timestamp}.{body}");
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecrets.KeyOf(secret), content))));
    }
}
