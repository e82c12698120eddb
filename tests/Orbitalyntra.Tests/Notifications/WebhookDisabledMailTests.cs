using MimeKit;
using Orbitalyntra.Accounts;
using Orbitalyntra.Integrations;
using Orbitalyntra.Notifications;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Privacy;
using static Orbitalyntra.Tests.Infrastructure.WebhookReceiver;

namespace Orbitalyntra.Tests.Notifications;

/// <summary>
/// A real endpoint that keeps failing is given up on after <c>Integrations:Webhooks:GiveUpAfter</c> (3 days, crossed by
/// the silo's travelling clock): the administrators read it by mail from the real SMTP server, in their language.
/// </summary>
[Collection(TravellingClusterCollection.Name)]
public sealed class WebhookDisabledMailTests(TravellingCluster cluster)
{
    [Theory]
    [InlineData(MailLanguages.French)]
    [InlineData(MailLanguages.English)]
    public async Task Administrators_are_mailed_in_their_language_when_a_failing_endpoint_is_disabled(string language)
    {
        var tenantId = await MailPeople.NewTenant(cluster.Client, "Webhook Test");
        var admin = await MailPeople.Person(cluster.Client, tenantId, AgentRole.Admin, language);
        var agent = await MailPeople.Person(cluster.Client, tenantId, AgentRole.Agent, language);
        await using var receiver = await WebhookReceiver.Start();
        receiver.Script([.. Enumerable.Repeat(Answer.ServerError, 1000)]);
        var endpoints = cluster.Client.GetGrain<IWebhookEndpointsGrain>(tenantId);
        var endpointId = (await endpoints.Add(new WebhookEndpointSettings(receiver.Url.ToString(), [WebhookEvents.MessageCreated], true, "CRM"))).Endpoint.EndpointId;
        try
        {
            Assert.NotNull(await endpoints.SendTest(endpointId));
            await Eventually.Holds(() => receiver.All.Count > 0, "the first failed delivery", TimeSpan.FromSeconds(30));
            cluster.Clock.Travel(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));

            var mail = await MailDev.Received(admin, m => m.Kind() == nameof(NotificationKind.WebhookDisabled), "the endpoint's disabling", TimeSpan.FromSeconds(60));
            Assert.Equal(MailTemplates.For(NotificationKind.WebhookDisabled, language).Subject, mail.Subject);
            Assert.Contains(endpointId, mail.TextBody);
            Assert.Contains(endpointId, mail.HtmlBody);
            Assert.Null(mail.Headers[HeaderId.ListUnsubscribe]);
            Assert.NotNull((await endpoints.List()).Single(e => e.EndpointId == endpointId).DisabledAt);
            Assert.Single(await MailDev.To(admin), m => m.Kind() == nameof(NotificationKind.WebhookDisabled));
            Assert.Empty(await MailDev.To(agent));
        }
        finally
        {
            await endpoints.Remove(endpointId);
        }
    }
}
