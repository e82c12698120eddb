using System.Globalization;
using Orbitalyntra.Notifications;

namespace Orbitalyntra.Privacy;

/// <summary>
/// The platform's policy as a fresh system has it (version 1, until an operator publishes the next), and how a new
/// version is announced to account holders.
/// </summary>
public static class PlatformPolicyDefaults
{
    /// <summary>The built-in first version: in force from the start, not material.</summary>
    public static readonly PolicyVersion FirstVersion = new(
        1,
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Material: false,
        new LocalizedText(
            "Les organisations qui utilisent Orbitalyntra répondent à leurs visiteurs par le chat de leur site. Elles sont "
            + "responsables des données de leurs visiteurs ; Orbitalyntra les traite pour leur compte. Nous gardons vos messages, "
            + "votre adresse e-mail si vous la donnez et, avec votre accord seulement, les pages que vous consultez, le temps "
            + "fixé par l'organisation. Vous pouvez télécharger vos données, les corriger, retirer votre "
            + "accord, vous opposer ou demander leur effacement depuis le chat (« Télécharger mes données », « M'oublier »).",
            "Organisations that use Orbitalyntra answer their visitors through the chat on their site. They are the controllers "
            + "of their visitors' data; Orbitalyntra processes it on their behalf. We keep your messages, your e-mail address if "
            + "you give it and, only with your consent, the pages you view, for as long as the organisation has set. You can "
            + "download your data, correct it, withdraw your consent, object or ask for its erasure from the chat (\"Download my "
            + "data\", \"Forget me\")."),
        new LocalizedText(
            "Pour les administrateurs et les agents : nous gardons votre nom, votre adresse e-mail, le condensat de votre mot "
            + "de passe, vos préférences de courrier, les messages que vous écrivez et le journal de vos actions, tant que votre "
            + "compte existe, puis selon la durée fixée par votre organisation. Vous pouvez télécharger, corriger et effacer vos "
            + "données depuis la console (« Mon compte et mes données »). Une décision de justice peut conserver des données "
            + "au-delà (gel juridique) ; l'effacement demandé a lieu à sa levée.",
            "For administrators and agents: we keep your name, your e-mail address, your password's hash, your mail preferences, "
            + "the messages you write and the log of your actions while your account exists, then as long as your organisation "
            + "has set. You can download, correct and erase your data from the console (\"My account and data\"). A legal "
            + "request can keep data longer (a legal hold); an erasure you asked for takes place when it is lifted."),
        Url: null,
        PublishedAt: new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        By: Actor.System("defaults"));

    /// <summary>The platform notice that tells every account holder of a new version (category policy change).</summary>
    public static NewPlatformNotice Announcement(PolicyVersion version)
    {
        var fr = version.EffectiveAt.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"));
        var en = version.EffectiveAt.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        return new NewPlatformNotice(
            NoticeCategory.PolicyChange,
            new NoticeText(
                $"Notre politique de confidentialité change (version {version.Version})",
                $"La version {version.Version} de notre politique de confidentialité s'applique à partir du {fr}. Lisez-la sur la page /privacy."),
            new NoticeText(
                $"Our privacy policy changes (version {version.Version})",
                $"Version {version.Version} of our privacy policy applies from {en}. Read it on the /privacy page."));
    }
}
