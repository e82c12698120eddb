using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MimeKit;
using Orbitalyntra.Notifications;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Notifications;

/// <summary>
/// Mail to visitors, read back from the real SMTP server (MailDev): the double opt-in of the address they give, the
/// agents' replies they do not read in time (the message form's answer among them), the transcript they ask for, and
/// their unsubscribe link.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class VisitorMailTests(ChatCluster chat)
{
    [Theory]
    [InlineData(MailLanguages.French)]
    [InlineData(MailLanguages.English)]
    public async Task A_visitor_who_confirmed_their_address_gets_the_agents_unread_answer_by_mail_in_their_language_with_a_link_back(string language)
    {
        var visitor = await MailVisitor.Start(chat);
        await visitor.Say("Bonjour, où est ma commande 42 ?");
        await visitor.GiveConfirmedAddress(language);
        Assert.Equal(
            MailTemplates.For(NotificationKind.VisitorAddressConfirmation, language).Subject.Replace("{organisation}", "Test Organisation"),
            (await visitor.ConfirmationMail()).Subject);
        await visitor.Note("Private: a good customer, refund if needed.");
        var first = await visitor.Reply("Your order leaves tomorrow.");
        var second = await visitor.Reply("Tracking number <b>TR-99</b>.");

        var mail = await visitor.Received(NotificationKind.UnseenReply, first.Text);
        Assert.Equal(MailTemplates.For(NotificationKind.UnseenReply, language).Subject.Replace("{organisation}", "Test Organisation"), mail.Subject);
        Assert.Contains(second.Text, mail.TextBody);
        Assert.Contains("Tracking number &lt;b&gt;TR-99&lt;/b&gt;", mail.HtmlBody);
        Assert.Contains(language == MailLanguages.French ? "Conseiller:" : "Agent:", mail.TextBody);
        Assert.DoesNotContain("Private", mail.TextBody);
        Assert.DoesNotContain("commande 42", mail.TextBody);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers[HeaderId.ListUnsubscribePost]);

        // The link back opens the conversation as the same visitor, on any device: the fragment is traded for a token.
        var resume = MailVisitor.ResumeOf(mail);
        var token = await chat.Web.Http.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = visitor.Tenant.SignUp.WidgetKey, resume });
        token.EnsureSuccessStatusCode();
        var resumed = (await token.Content.ReadFromJsonAsync<WidgetApi.VisitorToken>(WebHost.Json))!;
        Assert.Equal(visitor.Visitor.VisitorId, resumed.VisitorId);
        using var onAnotherDevice = visitor.Tenant.Bearer(resumed.AccessToken);
        var page = await onAnotherDevice.GetStringAsync($"/api/tenants/{visitor.Tenant.TenantId}/conversations/{visitor.Conversation.ConversationId}/messages");
        Assert.Contains(first.Text, page);
        var forged = await chat.Web.Http.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = visitor.Tenant.SignUp.WidgetKey, resume = resume[..^4] + "0000" });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        // Mailed once: nothing watched any more, one mail for both replies.
        await Eventually.Succeeds(async () => Assert.Empty(await visitor.Mail.Watches()));
        Assert.Single(await visitor.All(NotificationKind.UnseenReply));
    }

    [Fact]
    public async Task No_conversation_content_is_mailed_before_the_address_is_confirmed_and_what_waited_is_sent_once_it_is()
    {
        var visitor = await MailVisitor.Start(chat, delaySeconds: 1);
        await visitor.Say("My parcel never came.");
        var status = await visitor.GiveAddress(MailLanguages.English);
        Assert.False(status.Confirmed);
        var confirmation = await visitor.ConfirmationMail();
        Assert.Null(confirmation.Headers[HeaderId.ListUnsubscribe]);
        var reply = await visitor.Reply("We are sending another one today.");
        await Eventually.Succeeds(async () => Assert.True(Assert.Single(await visitor.Mail.Watches()).AwaitingConfirmation));
        var transcript = await visitor.RequestTranscript();
        Assert.Equal(HttpStatusCode.Accepted, transcript.StatusCode);
        Assert.Equal("awaitingConfirmation", (await transcript.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // The outbox itself refuses conversation content to an unconfirmed address, whoever queues it.
        var outbox = chat.Client.GetGrain<INotificationOutboxGrain>(visitor.Tenant.TenantId);
        var direct = Notification.ToVisitor(Guid.NewGuid(), NotificationKind.Transcript, visitor.Visitor.VisitorId,
            (NotificationValues.ConversationId, visitor.Conversation.ConversationId.ToString()), (NotificationValues.UpToSequence, "2"));
        await outbox.Enqueue(direct);
        await Eventually.Succeeds(async () => Assert.Contains(await outbox.Log(), e => e.Id == direct.Id && e.Outcome == MailOutcome.Unconfirmed));
        Assert.All(await MailDev.To(visitor.Email), m => Assert.Equal(nameof(NotificationKind.VisitorAddressConfirmation), m.Kind()));

        Assert.Equal(HttpStatusCode.NoContent, (await visitor.Confirm(confirmation)).StatusCode);
        Assert.Contains(reply.Text, (await visitor.Received(NotificationKind.UnseenReply, reply.Text)).TextBody);
        var sent = await visitor.Received(NotificationKind.Transcript, "My parcel never came.");
        Assert.Contains(reply.Text, sent.TextBody);
        await Eventually.Succeeds(async () => Assert.Empty(await visitor.Mail.Watches()));
    }

    [Fact]
    public async Task A_reply_read_in_time_is_not_mailed_and_a_reply_left_unread_is_mailed_once()
    {
        var visitor = await MailVisitor.Start(chat, delaySeconds: 8);
        await visitor.Say("Is anyone there?");
        await visitor.GiveConfirmedAddress(MailLanguages.English);
        await using var widget = await ChatClient.Connect(chat.Web, visitor.Visitor.AccessToken);

        var read = await visitor.Reply("Yes, read this one in time.");
        await Eventually.Succeeds(async () => Assert.Equal(read.Sequence, Assert.Single(await visitor.Mail.Watches()).FirstUnread));
        await widget.MarkRead(visitor.Conversation, read.Sequence);
        await Eventually.Succeeds(async () => Assert.Empty(await visitor.Mail.Watches()));

        var unread = await visitor.Reply("This one you missed.");
        var mail = await visitor.Received(NotificationKind.UnseenReply, unread.Text);
        Assert.DoesNotContain(read.Text, mail.TextBody);
        await Eventually.Succeeds(async () => Assert.Empty(await visitor.Mail.Watches()));
        Assert.Single(await visitor.All(NotificationKind.UnseenReply));
        Assert.DoesNotContain(await MailDev.To(visitor.Email), m => (m.TextBody ?? "").Contains(read.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_transcript_goes_to_the_conversations_own_visitor_as_they_saw_it_and_is_refused_to_anyone_else()
    {
        var visitor = await MailVisitor.Start(chat);
        await visitor.Say("First question {conversation}");
        await visitor.Reply("First answer");
        await visitor.Note("A note the visitor never sees");
        await visitor.Say("Merci <b>beaucoup</b>");
        var noAddress = await visitor.RequestTranscript();
        Assert.Equal(HttpStatusCode.Conflict, noAddress.StatusCode);
        Assert.Equal("application/problem+json", noAddress.Content.Headers.ContentType?.MediaType);

        await visitor.GiveConfirmedAddress(MailLanguages.French);
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.RequestTranscript(visitor.Tenant.AsAdmin())).StatusCode);
        var stranger = await visitor.Tenant.NewVisitor();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.RequestTranscript(visitor.Tenant.Bearer(stranger.AccessToken))).StatusCode);
        var queued = await visitor.RequestTranscript();
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.Equal("queued", (await queued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var mail = await visitor.Received(NotificationKind.Transcript, "First answer");
        Assert.Equal("Votre conversation avec Test Organisation", mail.Subject);
        Assert.Contains("Vous: First question {conversation}", mail.TextBody);
        Assert.Contains("Conseiller: First answer", mail.TextBody);
        Assert.Contains("Merci &lt;b&gt;beaucoup&lt;/b&gt;", mail.HtmlBody);
        Assert.DoesNotContain("never sees", mail.TextBody);
        Assert.Null(mail.Headers[HeaderId.ListUnsubscribe]);

        // Asked again for the same messages the same day: the request is answered, the mail is not sent twice.
        Assert.Equal(HttpStatusCode.Accepted, (await visitor.RequestTranscript()).StatusCode);
        var outbox = chat.Client.GetGrain<INotificationOutboxGrain>(visitor.Tenant.TenantId);
        await Eventually.Succeeds(async () => Assert.Empty(await outbox.Pending()));
        Assert.Single(await visitor.All(NotificationKind.Transcript));
    }

    [Fact]
    public async Task The_visitors_unsubscribe_link_stops_reply_mail_but_not_the_transcript_they_ask_for()
    {
        var visitor = await MailVisitor.Start(chat, delaySeconds: 1);
        await visitor.Say("Hello");
        await visitor.GiveConfirmedAddress(MailLanguages.English);
        var first = await visitor.Reply("First reply");
        var mail = await visitor.Received(NotificationKind.UnseenReply, first.Text);

        var link = new Uri(mail.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>'));
        Assert.Equal(HttpStatusCode.NotFound, (await chat.Web.Http.PostAsync(link.PathAndQuery.Replace("token=", "token=0"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await chat.Web.Http.PostAsync(link.PathAndQuery, new StringContent("List-Unsubscribe=One-Click"))).StatusCode);
        using var http = visitor.AsVisitor();
        var status = await http.GetFromJsonAsync<VisitorMailStatus>($"/api/tenants/{visitor.Tenant.TenantId}/visitors/me/mail", WebHost.Json);
        Assert.Contains(MailTopic.ConversationReplies, status!.OptedOut);

        await visitor.Reply("Second reply");
        var outbox = chat.Client.GetGrain<INotificationOutboxGrain>(visitor.Tenant.TenantId);
        await Eventually.Succeeds(async () => Assert.Contains(
            await outbox.Log(), e => e.Kind == NotificationKind.UnseenReply && e.RecipientId == visitor.Visitor.VisitorId && e.Outcome == MailOutcome.OptedOut));
        Assert.Equal(HttpStatusCode.Accepted, (await visitor.RequestTranscript()).StatusCode);
        var transcript = await visitor.Received(NotificationKind.Transcript, "First reply");
        Assert.Contains("Second reply", transcript.TextBody);
        Assert.Equal("Your conversation with Test Organisation", transcript.Subject);
        Assert.Contains("Agent: First reply", transcript.TextBody);
        Assert.Single(await visitor.All(NotificationKind.UnseenReply));
    }

    [Fact]
    public async Task Bad_addresses_languages_and_confirmation_links_are_refused_with_problem_details_and_change_nothing()
    {
        var visitor = await MailVisitor.Start(chat);
        using var http = visitor.AsVisitor();
        var path = $"/api/tenants/{visitor.Tenant.TenantId}/visitors/me/mail";
        foreach (var bad in new object[] { new { email = "not an address", language = "en" }, new { email = visitor.Email, language = "de" }, new { email = visitor.Email } })
        {
            var refused = await http.PutAsJsonAsync(path, bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.Tenant.AsAdmin().GetAsync(path)).StatusCode);

        await visitor.GiveAddress(MailLanguages.English);
        var firstLink = await visitor.ConfirmationMail();
        using var anonymous = chat.Web.Client(null);
        var forged = await anonymous.PostAsJsonAsync("/api/mail-confirmations", new
        {
            tenantId = visitor.Tenant.TenantId, visitorId = visitor.Visitor.VisitorId, expires = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds(), token = new string('0', 64),
        });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsJsonAsync("/api/mail-confirmations", new { })).StatusCode);
        Assert.False((await http.GetFromJsonAsync<VisitorMailStatus>(path, WebHost.Json))!.Confirmed);

        // A new address voids the first link: a confirmation is of the address it was sent to.
        var first = visitor.Email;
        await visitor.GiveAddress(MailLanguages.English, MailVisitor.NewAddress());
        var secondLink = await visitor.ConfirmationMail();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.Confirm(firstLink)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await visitor.Confirm(secondLink)).StatusCode);
        var confirmed = (await http.GetFromJsonAsync<VisitorMailStatus>(path, WebHost.Json))!;
        Assert.True(confirmed.Confirmed);
        Assert.Equal(visitor.Email, confirmed.Email);

        // The same address again sends nothing new; the export shows the address and its confirmation.
        await visitor.GiveAddress(MailLanguages.French);
        var outbox = chat.Client.GetGrain<INotificationOutboxGrain>(visitor.Tenant.TenantId);
        await Eventually.Succeeds(async () => Assert.Empty(await outbox.Pending()));
        Assert.Single(await MailDev.To(visitor.Email));
        Assert.Single(await MailDev.To(first));
        var export = await http.GetFromJsonAsync<JsonElement>($"/api/tenants/{visitor.Tenant.TenantId}/visitors/me/export");
        Assert.Equal(visitor.Email, export.GetProperty("contact").GetProperty("email").GetString());
        Assert.True(export.GetProperty("mail").GetProperty("confirmed").GetBoolean());
        Assert.Equal("fr", export.GetProperty("mail").GetProperty("language").GetString());
    }
}
