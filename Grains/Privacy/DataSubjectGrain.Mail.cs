using Orbitalyntra.Notifications;

namespace Orbitalyntra.Privacy;

/// <summary>
/// The visitor as a recipient of mail: the address is the sealed contact's e-mail, opened only when a mail is sent; the
/// record keeps the double opt-in (asked for, confirmed) and the preferences. Until the visitor asks for mail through
/// <see cref="SetMailAddress"/>, an e-mail in the contact (given with the message form, or rectified by an administrator)
/// reaches no mail at all.
/// </summary>
public sealed partial class DataSubjectGrain
{
    /// <summary>How soon the same unconfirmed address may be sent another confirmation link (a visitor who lost the first).</summary>
    private static readonly TimeSpan ConfirmationResendAfter = TimeSpan.FromMinutes(10);

    public async Task<MailAddressChange?> SetMailAddress(string email, string language, Actor by)
    {
        var contact = Erased ? null : await Contact();
        if (Erased || (!SameAddress(contact?.Email, email) && await Rectify(new ContactDetails(contact?.Name, email), by) is null))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var mail = state.State.Mail ?? new SubjectMail(MailPreferences.Default, 0, null, null);
        var due = mail.ConfirmedAt is null && (mail.ConfirmationRequestedAt is not { } asked || asked < now - ConfirmationResendAfter);
        mail = (due ? mail with { Version = mail.Version + 1, ConfirmationRequestedAt = now } : mail) with
        {
            Preferences = mail.Preferences with { Language = language },
        };
        state.State = state.State with { Mail = mail };
        await Persist();
        if (due)
        {
            await Audit(by, "mail.confirmation-requested", null);
        }

        return new MailAddressChange(mail.Version, due);
    }

    public Task<bool> AsksForMail() => Task.FromResult(!Erased && state.State.Mail is not null);

    public async Task<bool> ConfirmMailAddress(string email, Actor by)
    {
        if (Erased || state.State.Mail is not { ConfirmationRequestedAt: not null } mail || !SameAddress((await Contact())?.Email, email))
        {
            return false;
        }

        if (mail.ConfirmedAt is null)
        {
            state.State = state.State with { Mail = mail with { ConfirmedAt = time.GetUtcNow() } };
            await Persist();
            await Audit(by, "mail.confirmed", null);
        }

        return true;
    }

    /// <summary>The visitor's address once they asked for mail; confirmed or not, which the outbox checks for mail that shows conversations.</summary>
    async Task<MailRecipient?> IMailRecipient.GetMailRecipient() =>
        !Erased && state.State.Mail is { } mail && await Contact() is { Email.Length: > 0 } contact
            ? new MailRecipient(contact.Email!, contact.Name ?? "", IsAdmin: false, mail.Preferences, AddressConfirmed: mail.ConfirmedAt is not null)
            : null;

    async Task<bool> IMailRecipient.OptOut(MailTopic topic)
    {
        if (Erased || state.State.Mail is not { } mail)
        {
            return false;
        }

        state.State = state.State with { Mail = mail with { Preferences = mail.Preferences.Without(topic) } };
        await Persist();
        await Audit(new Actor("visitor", key.SubjectId), "mail.opted-out", topic.ToString());
        return true;
    }

    /// <summary>Addresses compare without case, as mail systems treat them in practice.</summary>
    private static bool SameAddress(string? one, string? other) => string.Equals(one?.Trim(), other?.Trim(), StringComparison.OrdinalIgnoreCase);
}
