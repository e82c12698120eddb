using System.Net.Http.Json;
using System.Text.Json.Serialization;
using MimeKit;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// The MailDev the test command started (ORBITALYNTRA_TEST_SMTP, ORBITALYNTRA_TEST_MAIL_API), or a local one on its
/// default ports: the real SMTP server the silos send to, whose REST API tells what it received.
/// </summary>
public static class MailDev
{
    private static readonly string Smtp = Environment.GetEnvironmentVariable("ORBITALYNTRA_TEST_SMTP") is { Length: > 0 } value ? value : "127.0.0.1:1025";

    private static readonly HttpClient Api = new()
    {
        BaseAddress = new Uri(Environment.GetEnvironmentVariable("ORBITALYNTRA_TEST_MAIL_API") is { Length: > 0 } api ? api : "http://127.0.0.1:1080"),
    };

    /// <summary>MailDev's REST API, for browser scenarios that read the mail too.</summary>
    public static Uri ApiAddress => Api.BaseAddress!;

    public static string SmtpHost => Smtp.Split(':')[0];

    public static int SmtpPort => int.Parse(Smtp.Split(':')[1]);

    /// <summary>Every message received for <paramref name="address"/>, parsed from its source (all headers included).</summary>
    public static async Task<IReadOnlyList<MimeMessage>> To(string address)
    {
        var summaries = await Api.GetFromJsonAsync<List<Summary>>("/api/email") ?? [];
        var messages = new List<MimeMessage>();
        foreach (var summary in summaries.Where(s => s.To.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase))))
        {
            await using var source = await Api.GetStreamAsync($"/api/email/{summary.Id}/source");
            messages.Add(await MimeMessage.LoadAsync(source));
        }

        return messages;
    }

    /// <summary>Waits until a message for <paramref name="address"/> satisfies <paramref name="match"/>; fails after the deadline.</summary>
    public static async Task<MimeMessage> Received(string address, Func<MimeMessage, bool> match, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            if ((await To(address)).FirstOrDefault(match) is { } message)
            {
                return message;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what} to {address}.");
            await Task.Delay(200);
        }
    }

    /// <summary>The message's kind, as the outbox names it in a header of its own.</summary>
    public static string? Kind(this MimeMessage message) => message.Headers["X-Orbitalyntra-Notification"];

    private sealed record Summary([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("to")] List<Mailbox> To);

    private sealed record Mailbox([property: JsonPropertyName("address")] string Address);
}
