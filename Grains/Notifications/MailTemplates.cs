namespace Orbitalyntra.Notifications;

/// <summary>
/// The subject and body of each notification in French and English, with <c>{placeholders}</c> for the values
/// (<see cref="MailComposer"/> fills them and makes the HTML part, every value HTML-escaped there).
/// </summary>
public static class MailTemplates
{
    /// <summary>A template: the subject line and the plain-text body (paragraphs separated by blank lines).</summary>
    public sealed record Template(string Subject, string Body);

    private static readonly Dictionary<(NotificationKind, string), Template> Templates = new()
    {
        [(NotificationKind.AccountLocked, MailLanguages.French)] = new(
            "Connexions à votre compte suspendues",
            "Bonjour {name},\n\nTrop de tentatives de connexion à votre compte ont échoué : depuis le réseau d'où elles venaient, les connexions avec votre adresse sont suspendues jusqu'au {at}. Depuis les réseaux où vous vous êtes déjà connecté, vous pouvez toujours vous connecter.\n\nSi ce n'était pas vous, votre mot de passe n'a pas été accepté ; en cas de doute, changez-le et prévenez un administrateur de votre organisation."),
        [(NotificationKind.AccountLocked, MailLanguages.English)] = new(
            "Sign-ins to your account paused",
            "Hello {name},\n\nToo many sign-ins to your account failed: from the network they came from, sign-ins with your address are paused until {at}. From networks where you signed in before, you can still sign in.\n\nIf this was not you, your password was not accepted; if in doubt, change it and tell an administrator of your organisation."),
        [(NotificationKind.PasswordChanged, MailLanguages.French)] = new(
            "Votre mot de passe a été modifié",
            "Bonjour {name},\n\nLe mot de passe de votre compte a été modifié le {at}.\n\nSi ce n'était pas vous, prévenez tout de suite un administrateur de votre organisation."),
        [(NotificationKind.PasswordChanged, MailLanguages.English)] = new(
            "Your password was changed",
            "Hello {name},\n\nThe password of your account was changed on {at}.\n\nIf this was not you, tell an administrator of your organisation at once."),
        [(NotificationKind.ApiKeyCreated, MailLanguages.French)] = new(
            "Une clé d'API a été créée",
            "Bonjour {name},\n\nUne clé d'API ({keyId}) a été créée pour votre organisation le {at}.\n\nSi personne ne l'a demandée, révoquez-la dans les pages d'administration."),
        [(NotificationKind.ApiKeyCreated, MailLanguages.English)] = new(
            "An API key was created",
            "Hello {name},\n\nAn API key ({keyId}) was created for your organisation on {at}.\n\nIf nobody asked for it, revoke it in the admin pages."),
        [(NotificationKind.ApiKeyRevoked, MailLanguages.French)] = new(
            "Une clé d'API a été révoquée",
            "Bonjour {name},\n\nLa clé d'API {keyId} de votre organisation a été révoquée le {at} : elle ne fonctionne plus."),
        [(NotificationKind.ApiKeyRevoked, MailLanguages.English)] = new(
            "An API key was revoked",
            "Hello {name},\n\nThe API key {keyId} of your organisation was revoked on {at}: it no longer works."),
        [(NotificationKind.NewBrowserSignIn, MailLanguages.French)] = new(
            "Connexion depuis un nouveau navigateur",
            "Bonjour {name},\n\nVotre compte s'est connecté le {at} depuis un navigateur qu'il n'avait jamais utilisé.\n\nSi ce n'était pas vous, changez votre mot de passe et prévenez un administrateur."),
        [(NotificationKind.NewBrowserSignIn, MailLanguages.English)] = new(
            "Sign-in from a new browser",
            "Hello {name},\n\nYour account signed in on {at} from a browser it had never used.\n\nIf this was not you, change your password and tell an administrator."),
        [(NotificationKind.PlatformNotice, MailLanguages.French)] = new(
            "{title}",
            "Bonjour {name},\n\n{body}\n\nCet avis reste affiché dans la console jusqu'à ce que vous en preniez connaissance."),
        [(NotificationKind.PlatformNotice, MailLanguages.English)] = new(
            "{title}",
            "Hello {name},\n\n{body}\n\nThis notice stays in the console until you acknowledge it."),
        [(NotificationKind.RequestDeadlineApproaching, MailLanguages.French)] = new(
            "Une demande RGPD arrive à échéance",
            "Bonjour {name},\n\nLa demande {requestKind} {requestId} doit recevoir une réponse avant le {at}.\n\nElle est dans la file des demandes des pages d'administration."),
        [(NotificationKind.RequestDeadlineApproaching, MailLanguages.English)] = new(
            "A data-subject request is nearly due",
            "Hello {name},\n\nThe {requestKind} request {requestId} must be answered before {at}.\n\nIt is in the request queue of the admin pages."),
        [(NotificationKind.RequestDeadlineMissed, MailLanguages.French)] = new(
            "Une demande RGPD a dépassé son échéance",
            "Bonjour {name},\n\nLa demande {requestKind} {requestId} n'a pas reçu de réponse avant le {at}, son échéance.\n\nRépondez-y au plus vite depuis la file des demandes des pages d'administration."),
        [(NotificationKind.RequestDeadlineMissed, MailLanguages.English)] = new(
            "A data-subject request is overdue",
            "Hello {name},\n\nThe {requestKind} request {requestId} was not answered by {at}, its deadline.\n\nAnswer it as soon as possible from the request queue of the admin pages."),
        [(NotificationKind.VisitorAddressConfirmation, MailLanguages.French)] = new(
            "Confirmez votre adresse pour {organisation}",
            "Bonjour,\n\nVous avez demandé à recevoir par courriel vos échanges avec {organisation}. Confirmez que cette adresse est la vôtre avec ce lien (valable {days} jours) :\n\n{confirm}\n\nVous recevrez ensuite les transcriptions que vous demandez et les réponses que vous n'avez pas lues dans la conversation. Si vous n'avez rien demandé, ignorez ce message : rien ne vous sera envoyé."),
        [(NotificationKind.VisitorAddressConfirmation, MailLanguages.English)] = new(
            "Confirm your address for {organisation}",
            "Hello,\n\nYou asked to receive your conversations with {organisation} by e-mail. Confirm that this address is yours with this link (valid for {days} days):\n\n{confirm}\n\nYou will then receive the transcripts you ask for and the replies you have not read in the conversation. If you asked for nothing, ignore this message: nothing will be sent to you."),
        [(NotificationKind.AccountEmailConfirmation, MailLanguages.French)] = new(
            "Confirmez votre nouvelle adresse",
            "Bonjour {name},\n\nVous avez demandé que votre compte utilise désormais cette adresse. Confirmez-la avec ce lien (valable {days} jours) :\n\n{confirm}\n\nJusque-là, vous vous connectez avec votre adresse actuelle. Si vous n'avez rien demandé, ignorez ce message : rien ne changera."),
        [(NotificationKind.AccountEmailConfirmation, MailLanguages.English)] = new(
            "Confirm your new address",
            "Hello {name},\n\nYou asked for your account to use this address from now on. Confirm it with this link (valid for {days} days):\n\n{confirm}\n\nUntil then, you sign in with your current address. If you asked for nothing, ignore this message: nothing will change."),
        [(NotificationKind.UnseenReply, MailLanguages.French)] = new(
            "{organisation} vous a répondu",
            "Bonjour,\n\n{organisation} vous a répondu, et vous n'avez pas encore lu cette réponse :\n\n{messages}\n\nPour continuer la conversation : {conversation}"),
        [(NotificationKind.UnseenReply, MailLanguages.English)] = new(
            "{organisation} replied to you",
            "Hello,\n\n{organisation} replied to you, and you have not read the reply yet:\n\n{messages}\n\nTo continue the conversation: {conversation}"),
        [(NotificationKind.Transcript, MailLanguages.French)] = new(
            "Votre conversation avec {organisation}",
            "Bonjour,\n\nVoici la conversation que vous avez demandée, telle que vous l'avez vue :\n\n{messages}\n\nPour la reprendre : {conversation}"),
        [(NotificationKind.Transcript, MailLanguages.English)] = new(
            "Your conversation with {organisation}",
            "Hello,\n\nHere is the conversation you asked for, as you saw it:\n\n{messages}\n\nTo take it up again: {conversation}"),
        [(NotificationKind.WebhookDisabled, MailLanguages.French)] = new(
            "Un webhook a été désactivé",
            "Bonjour {name},\n\nLes envois au webhook {endpointId} de votre organisation échouent depuis le {at} : il a été désactivé.\n\nCorrigez le récepteur, réactivez le webhook, puis renvoyez les événements en attente depuis les pages d'administration."),
        [(NotificationKind.WebhookDisabled, MailLanguages.English)] = new(
            "A webhook was disabled",
            "Hello {name},\n\nDeliveries to your organisation's webhook {endpointId} have failed since {at}: it was disabled.\n\nFix the receiver, enable the webhook again, then replay the waiting events from the admin pages."),
        [(NotificationKind.AssignedWhileAway, MailLanguages.French)] = new(
            "Une conversation vous attend",
            "Bonjour {name},\n\nUne conversation vous a été attribuée pendant votre absence : elle vous attend dans la console.\n\n{console}"),
        [(NotificationKind.AssignedWhileAway, MailLanguages.English)] = new(
            "A conversation is waiting for you",
            "Hello {name},\n\nA conversation was assigned to you while you were away: it is waiting for you in the console.\n\n{console}"),
        [(NotificationKind.RetentionReport, MailLanguages.French)] = new(
            "Rapport de conservation des données",
            "Bonjour {name},\n\nLa purge de conservation de votre organisation terminée le {at} a supprimé ce qui avait dépassé sa durée de conservation et gardé ce que des gels juridiques retiennent :\n\n{counts}\n\nLe détail est dans les pages d'administration (Conservation)."),
        [(NotificationKind.RetentionReport, MailLanguages.English)] = new(
            "Data retention report",
            "Hello {name},\n\nYour organisation's retention purge that ended on {at} removed what had outlived its retention period and kept what legal holds retain:\n\n{counts}\n\nThe details are in the admin pages (Retention)."),
        [(NotificationKind.SecondFactorRemoved, MailLanguages.French)] = new(
            "La connexion en deux étapes de votre compte est désactivée",
            "Bonjour {name},\n\nLa connexion en deux étapes de votre compte a été désactivée le {at} : votre mot de passe suffit désormais pour vous connecter.\n\nSi ce n'était ni vous ni un administrateur à votre demande, changez votre mot de passe et prévenez tout de suite un administrateur de votre organisation."),
        [(NotificationKind.SecondFactorRemoved, MailLanguages.English)] = new(
            "Two-step sign-in was turned off for your account",
            "Hello {name},\n\nTwo-step sign-in was turned off for your account on {at}: your password alone now signs you in.\n\nIf this was neither you nor an administrator at your request, change your password and tell an administrator of your organisation at once."),
    };

    /// <summary>The footer of optional mail, with the one-click unsubscribe link.</summary>
    public static string UnsubscribeFooter(string language) => language == MailLanguages.English
        ? "You receive this optional mail because of your preferences. Unsubscribe: {unsubscribe}"
        : "Vous recevez ce courriel facultatif selon vos préférences. Se désabonner : {unsubscribe}";

    /// <summary>Who wrote a message, as the widget shows it to the visitor (never an agent's name).</summary>
    public static string SenderName(Chat.SenderRole role, bool isRecipient, string language) => (role, isRecipient, language == MailLanguages.English) switch
    {
        (_, true, false) => "Vous",
        (_, true, true) => "You",
        (Chat.SenderRole.Assistant, _, _) => "Assistant",
        (Chat.SenderRole.Agent, _, false) => "Conseiller",
        (Chat.SenderRole.Agent, _, true) => "Agent",
        (_, _, false) => "Visiteur",
        _ => "Visitor",
    };

    /// <summary>What stands for a message whose author was erased.</summary>
    public static string Erased(string language) => language == MailLanguages.English ? "(message erased)" : "(message effacé)";

    /// <summary>A message that is a file: its name.</summary>
    public static string File(string name, string language) => language == MailLanguages.English ? $"File: {name}" : $"Fichier : {name}";

    /// <summary>The line that says how many earlier messages a long transcript leaves out.</summary>
    public static string Omitted(int count, string language) => language == MailLanguages.English
        ? $"({count} earlier messages are not shown)"
        : $"({count} messages plus anciens ne sont pas repris)";

    /// <summary>The template of <paramref name="kind"/> in <paramref name="language"/> (French when the language is unknown).</summary>
    public static Template For(NotificationKind kind, string language) =>
        Templates[(kind, MailLanguages.IsSupported(language) ? language : MailLanguages.French)];

    /// <summary>A purge's counts, one line each (<c>held</c>: the holders legal holds kept), named in the recipient's language.</summary>
    public static string PurgeCounts(IEnumerable<(string Counter, string Count)> counts, string language) =>
        string.Join("\n", counts.Select(c => language == MailLanguages.English
            ? $"- {PurgeCounterName(c.Counter, language)}: {c.Count}"
            : $"- {PurgeCounterName(c.Counter, language)} : {c.Count}"));

    /// <summary>What a purge counter counts, as the recipient's language names it; an unknown counter by its own name.</summary>
    public static string PurgeCounterName(string counter, string language) => (counter, language == MailLanguages.English) switch
    {
        ("conversations", false) => "conversations supprimées",
        ("conversations", true) => "conversations removed",
        ("messages", false) => "messages supprimés",
        ("messages", true) => "messages removed",
        ("files", false) => "fichiers supprimés",
        ("files", true) => "files removed",
        ("pageViews", false) => "pages vues supprimées",
        ("pageViews", true) => "page views removed",
        ("deviceData", false) => "données d'appareil supprimées",
        ("deviceData", true) => "device data removed",
        ("visitorSessions", false) => "sessions de visiteurs supprimées",
        ("visitorSessions", true) => "visitor sessions removed",
        ("analyticsDays", false) => "jours de statistiques supprimés",
        ("analyticsDays", true) => "analytics days removed",
        ("auditEntries", false) => "entrées du journal d'audit supprimées",
        ("auditEntries", true) => "audit trail entries removed",
        ("closedRequests", false) => "demandes RGPD closes supprimées",
        ("closedRequests", true) => "closed data-subject requests removed",
        ("mailLogEntries", false) => "entrées du journal des courriels supprimées",
        ("mailLogEntries", true) => "mail log entries removed",
        ("webhookLogEntries", false) => "entrées du journal des webhooks supprimées",
        ("webhookLogEntries", true) => "webhook log entries removed",
        ("faqQuestions", false) => "questions de la FAQ supprimées",
        ("faqQuestions", true) => "FAQ questions removed",
        ("faqEffectivenessDays", false) => "jours de statistiques de la FAQ supprimés",
        ("faqEffectivenessDays", true) => "FAQ statistics days removed",
        (NotificationValues.Held, false) => "éléments gardés par un gel juridique",
        (NotificationValues.Held, true) => "items kept by a legal hold",
        _ => counter,
    };

    /// <summary>A data-subject request's kind as the recipient's language names it.</summary>
    public static string RequestKindName(string kind, string language) => (kind, language == MailLanguages.English) switch
    {
        ("Access", false) => "d'accès",
        ("Portability", false) => "de portabilité",
        ("Rectification", false) => "de rectification",
        ("Erasure", false) => "d'effacement",
        ("Restriction", false) => "de limitation",
        ("Objection", false) => "d'opposition",
        ("ConsentWithdrawal", false) => "de retrait du consentement",
        ("ConsentWithdrawal", true) => "consent withdrawal",
        (_, true) => kind.ToLowerInvariant(),
        _ => kind,
    };
}
