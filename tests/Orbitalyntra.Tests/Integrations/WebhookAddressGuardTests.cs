using Microsoft.Extensions.Options;
using Orbitalyntra.Integrations;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Integrations;

/// <summary>
/// The address guard where it acts: on the socket's connection, after DNS. A real receiver listens on loopback; a sender
/// configured as production is (no loopback) must not reach it, by address or by a name that resolves to it.
/// </summary>
public sealed class WebhookAddressGuardTests
{
    [Fact]
    public async Task A_production_sender_refuses_a_loopback_receiver_by_address_and_by_a_name_that_resolves_to_it()
    {
        await using var receiver = await WebhookReceiver.Start();
        using var production = new WebhookSender(Options.Create(new WebhookOptions { AllowLoopback = false }));
        using var development = new WebhookSender(Options.Create(new WebhookOptions { AllowLoopback = true }));
        var byName = new UriBuilder(receiver.Url) { Host = "localhost" }.Uri.ToString();

        foreach (var url in new[] { receiver.Url.ToString(), byName })
        {
            var refused = await production.Send(url, "msg_guard", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "{}", "v1,x");
            Assert.False(refused.Delivered);
            Assert.Null(refused.HttpStatus);
            Assert.Contains("Loopback", refused.Error);
        }

        Assert.Empty(receiver.All);
        var allowed = await development.Send(receiver.Url.ToString(), "msg_guard", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "{}", "v1,x");
        Assert.Equal(200, allowed.HttpStatus);
        Assert.Single(receiver.All);
    }

    [Theory]
    [InlineData("http://10.0.0.1:9/hooks", "Private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "Metadata")]
    [InlineData("http://[fd00:ec2::254]/", "Metadata")]
    [InlineData("http://100.64.0.1/hooks", "CarrierGradeNat")]
    [InlineData("http://[fd12::1]/hooks", "UniqueLocal")]
    [InlineData("http://169.254.10.10/hooks", "LinkLocal")]
    public async Task A_delivery_to_a_private_link_local_unique_local_carrier_grade_or_metadata_address_is_refused_before_connecting(string url, string addressClass)
    {
        using var development = new WebhookSender(Options.Create(new WebhookOptions { AllowLoopback = true, Timeout = TimeSpan.FromSeconds(30) }));
        var refused = await development.Send(url, "msg_guard", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "{}", "v1,x");
        Assert.False(refused.Delivered);
        Assert.Contains(addressClass, refused.Error);
    }

    [Fact]
    public async Task A_redirect_is_not_followed()
    {
        await using var receiver = await WebhookReceiver.Start();
        receiver.Script(WebhookReceiver.Answer.Redirect);
        using var development = new WebhookSender(Options.Create(new WebhookOptions { AllowLoopback = true }));
        var result = await development.Send(receiver.Url.ToString(), "msg_redirect", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "{}", "v1,x");
        Assert.Equal(307, result.HttpStatus);
        Assert.False(result.Delivered);
        Assert.Single(receiver.All);
    }
}
